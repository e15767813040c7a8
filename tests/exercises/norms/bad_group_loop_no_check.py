# loops over groups of C // G channels without checking G: when G does not divide C the last channels are never normalised
# fails: group_norm - G=3 does not divide C=4, ValueError
# fails: group_norm - G=0 raises ValueError
# fails: group_norm - G=-2 raises ValueError
import numpy as np


def _normalize(x, axes, eps):
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


def batch_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (0, 2, 3), eps) + beta


def layer_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (1, 2, 3), eps) + beta


def instance_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (2, 3), eps) + beta


def group_norm(x, gamma, beta, G, eps=1e-5):
    size = x.shape[1] // G
    out = x.copy()
    for g in range(G):
        out[:, g * size:(g + 1) * size] = _normalize(x[:, g * size:(g + 1) * size], (1, 2, 3), eps)
    return gamma * out + beta
