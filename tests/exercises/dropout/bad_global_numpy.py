# without rng, falls back to numpy's global generator instead of a fresh default_rng()
# fails: without rng, a fresh generator, not numpy's global one
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng if rng is not None else np.random
    return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
