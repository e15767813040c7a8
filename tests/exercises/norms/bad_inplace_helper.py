# the shared helper normalises in place, so the caller's x changes
# fails: batch_norm - x is not modified
# fails: layer_norm - x is not modified
# fails: instance_norm - x is not modified
# fails: group_norm - x is not modified
import numpy as np


def _normalize(x, axes, eps):
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    x -= mean
    x /= np.sqrt(var + eps)
    return x


def batch_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (0, 2, 3), eps) + beta


def layer_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (1, 2, 3), eps) + beta


def instance_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (2, 3), eps) + beta


def group_norm(x, gamma, beta, G, eps=1e-5):
    n, c, h, w = x.shape
    if G < 1 or c % G != 0:
        raise ValueError("G must divide C")
    grouped = x.reshape(n, G, c // G, h, w)  # a view of x
    return gamma * _normalize(grouped, (2, 3, 4), eps).reshape(n, c, h, w) + beta
