# adds eps to the standard deviation instead of to the variance
# fails: batch_norm - per channel over (N, H, W), the notes' (4, 3, 2, 2) example
# fails: batch_norm - shape (2, 5, 3, 4)
# fails: batch_norm - uses the eps argument (eps=0.5)
# fails: layer_norm - per sample over (C, H, W)
# fails: layer_norm - uses the eps argument (eps=0.5)
# fails: instance_norm - per sample and channel over (H, W)
# fails: instance_norm - uses the eps argument (eps=0.5)
# fails: group_norm - G=2 groups of 2 neighbouring channels (C=4)
# fails: group_norm - G=3 on C=6, shape (2, 6, 2, 5)
# fails: group_norm - G=1 is layer norm
# fails: group_norm - G=C is instance norm
# fails: group_norm - uses the eps argument (eps=0.5)
import numpy as np


def _normalize(x, axes, eps):
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mean) / (np.sqrt(var) + eps)


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
    grouped = x.reshape(n, G, c // G, h, w)
    return gamma * _normalize(grouped, (2, 3, 4), eps).reshape(n, c, h, w) + beta
