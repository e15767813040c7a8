# scales a mask in place into x and returns x itself
# fails: survivors are scaled by 1 / (1 - p)
# fails: x is not modified
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng if rng is not None else np.random.default_rng()
    np.multiply(x, (rng.random(x.shape) >= p) / (1 - p), out=x, casting="unsafe")
    return x
