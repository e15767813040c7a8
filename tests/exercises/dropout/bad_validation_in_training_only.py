# checks p only on the training path
# fails: a bad p raises even when training=False
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training:
        return x.copy()
    if not 0 <= p <= 1:
        raise ValueError(p)
    if p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng or np.random.default_rng()
    return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
