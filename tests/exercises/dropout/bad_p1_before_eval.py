# handles p == 1 before looking at training: eval mode with p = 1 returns zeros instead of x
# fails: p = 1 with training=False returns x
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if p == 1:
        return np.zeros_like(x)
    if not training or p == 0:
        return x.copy()
    rng = rng if rng is not None else np.random.default_rng()
    return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
