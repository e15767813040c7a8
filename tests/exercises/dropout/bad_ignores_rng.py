# draws from numpy's global generator whatever rng is passed
# fails: the mask comes from the rng passed in
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    return (x * (np.random.rand(*x.shape) >= p) / (1 - p)).astype(x.dtype)
