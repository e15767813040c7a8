# treats p as the keep probability: zeroes with probability 1 - p and scales by 1 / p
# fails: about a fraction p is zeroed, element by element
# fails: survivors are scaled by 1 / (1 - p)
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return x.copy()
    rng = rng or np.random.default_rng()
    return (x * (rng.random(x.shape) < p) / p).astype(x.dtype)
