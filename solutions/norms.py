"""Reference: BatchNorm, LayerNorm, InstanceNorm and GroupNorm in numpy, for x of shape (N, C, H, W)."""

import numpy as np


def _normalize(x: np.ndarray, axes: tuple[int, ...], eps: float) -> np.ndarray:
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)  # biased: divides by the number of elements
    return (x - mean) / np.sqrt(var + eps)


def batch_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (0, 2, 3), eps) + beta


def layer_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (1, 2, 3), eps) + beta


def instance_norm(x, gamma, beta, eps=1e-5):
    return gamma * _normalize(x, (2, 3), eps) + beta


def group_norm(x, gamma, beta, G, eps=1e-5):
    n, c, h, w = x.shape
    if G < 1 or c % G != 0:
        raise ValueError(f"G must be a positive divisor of the {c} channels, got {G}")
    grouped = x.reshape(n, G, c // G, h, w)  # contiguous channels form a group
    normalized = _normalize(grouped, (2, 3, 4), eps).reshape(n, c, h, w)
    return gamma * normalized + beta
