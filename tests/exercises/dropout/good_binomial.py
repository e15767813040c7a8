# mask from rng.binomial, validation up front, float32 kept by multiplying with a typed scale
import numpy as np


def dropout(x, p, training=True, rng=None):
    if p < 0 or p > 1:
        raise ValueError("p must lie in [0, 1]")
    if not training or p == 0:
        return np.array(x, copy=True)
    if p == 1:
        return np.zeros(x.shape, dtype=x.dtype)
    generator = rng or np.random.default_rng()
    mask = generator.binomial(1, 1 - p, size=x.shape).astype(x.dtype)
    return x * mask * x.dtype.type(1 / (1 - p))
