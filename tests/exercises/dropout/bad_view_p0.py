# x[...] looks like a copy but is a view: writing into the result writes into x
# fails: p = 0 returns a copy of x
# fails: training=False returns a copy of x
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x[...]
    if p == 1:
        return np.zeros_like(x)
    rng = rng if rng is not None else np.random.default_rng()
    return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
