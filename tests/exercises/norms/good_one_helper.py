# every norm as GroupNorm-like statistics over a reshaped view; BN by moving the channel axis first
import numpy as np


def _standardize(v, axes, eps):
    return (v - v.mean(axis=axes, keepdims=True)) / np.sqrt(v.var(axis=axes, keepdims=True) + eps)


def batch_norm(x, gamma, beta, eps=1e-5):
    moved = np.moveaxis(x, 1, 0).reshape(x.shape[1], -1)  # (C, N*H*W)
    normed = _standardize(moved, 1, eps).reshape(x.shape[1], x.shape[0], *x.shape[2:])
    return gamma * np.moveaxis(normed, 0, 1) + beta


def group_norm(x, gamma, beta, G, eps=1e-5):
    n, c, h, w = x.shape
    if G < 1 or c % G != 0:
        raise ValueError(f"{G} groups do not divide {c} channels")
    return gamma * _standardize(x.reshape(n, G, -1), 2, eps).reshape(x.shape) + beta


def layer_norm(x, gamma, beta, eps=1e-5):
    return group_norm(x, gamma, beta, 1, eps)


def instance_norm(x, gamma, beta, eps=1e-5):
    return group_norm(x, gamma, beta, x.shape[1], eps)
