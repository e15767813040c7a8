# checks p > 1 up front, but p < 0 only after the eval early return
# fails: a negative p raises even when training=False
import numpy as np


def dropout(x, p, training=True, rng=None):
    if p > 1:
        raise ValueError(p)
    if not training:
        return x.copy()
    if p < 0:
        raise ValueError(p)
    if p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng if rng is not None else np.random.default_rng()
    return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
