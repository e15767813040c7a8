# a fixed seed inside: every call without rng drops the same elements
# fails: without rng, every call draws a new mask
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng or np.random.default_rng(0)
    return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
