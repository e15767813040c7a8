# checks C % G only: G = 0 is a ZeroDivisionError, not a ValueError
# fails: group_norm - G=0 raises ValueError
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
    n, c, h, w = x.shape
    if c % G != 0:
        raise ValueError("G must divide C")
    grouped = x.reshape(n, G, c // G, h, w)
    return gamma * _normalize(grouped, (2, 3, 4), eps).reshape(n, c, h, w) + beta
