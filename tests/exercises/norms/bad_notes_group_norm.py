# the notes' GroupNorm: x.shape[1] / G is a float (reshape raises TypeError), and gamma meets the 5-D grouped tensor
# fails: group_norm - G=2 groups of 2 neighbouring channels (C=4)
# fails: group_norm - G=3 on C=6, shape (2, 6, 2, 5)
# fails: group_norm - G=1 is layer norm
# fails: group_norm - G=C is instance norm
# fails: group_norm - uses the eps argument (eps=0.5)
# fails: group_norm - a constant input gives beta, not nan
# fails: group_norm - G=3 does not divide C=4, ValueError
# fails: group_norm - G=0 raises ValueError
# fails: group_norm - G=-2 raises ValueError
# fails: group_norm - x is not modified
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
    x = np.reshape(x, (x.shape[0], G, x.shape[1] / G, x.shape[2], x.shape[3]))
    x_mean = np.mean(x, axis=(2, 3, 4), keepdims=True)
    x_var = np.var(x, axis=(2, 3, 4), keepdims=True)
    x_normalized = (x - x_mean) / np.sqrt(x_var + eps)
    return gamma * x_normalized + beta
