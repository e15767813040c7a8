# multiplies survivors by (1 - p) instead of dividing: the test-time scale of vanilla dropout
# fails: survivors are scaled by 1 / (1 - p)
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    rng = rng or np.random.default_rng()
    return (x * (rng.random(x.shape) >= p) * (1 - p)).astype(x.dtype)
