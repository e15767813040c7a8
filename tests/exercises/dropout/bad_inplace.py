# the notes' version: multiplies the input in place
# fails: x is not modified
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng or np.random.default_rng()
    x *= (rng.random(x.shape) >= p) / (1 - p)
    return x
