# returns x itself at test time and for p == 0
# fails: training=False returns a copy of x
# fails: p = 0 returns a copy of x
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x
    if p == 1:
        return np.zeros_like(x)
    rng = rng or np.random.default_rng()
    return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
