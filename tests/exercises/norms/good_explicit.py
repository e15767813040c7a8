# each function written out on its own; variance as the mean of squared deviations; GN by a loop over groups
import numpy as np


def batch_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=(0, 2, 3), keepdims=True)
    var = ((x - mu) ** 2).mean(axis=(0, 2, 3), keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def layer_norm(x, gamma, beta, eps=1e-5):
    flat = x.reshape(x.shape[0], -1)
    mu = flat.mean(axis=1).reshape(-1, 1, 1, 1)
    var = flat.var(axis=1).reshape(-1, 1, 1, 1)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def instance_norm(x, gamma, beta, eps=1e-5):
    n, c, h, w = x.shape
    flat = x.reshape(n, c, h * w)
    mu = flat.mean(axis=2)[:, :, None, None]
    var = flat.var(axis=2)[:, :, None, None]
    return gamma * (x - mu) * (var + eps) ** -0.5 + beta


def group_norm(x, gamma, beta, G, eps=1e-5):
    c = x.shape[1]
    if not isinstance(G, int) or G <= 0 or c % G:
        raise ValueError("G must divide the number of channels")
    size = c // G
    out = np.empty_like(x)
    for g in range(G):
        part = x[:, g * size:(g + 1) * size]
        mu = part.mean(axis=(1, 2, 3), keepdims=True)
        var = part.var(axis=(1, 2, 3), keepdims=True)
        out[:, g * size:(g + 1) * size] = (part - mu) / np.sqrt(var + eps)
    return gamma * out + beta
