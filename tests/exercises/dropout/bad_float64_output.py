# the float64 mask promotes float32 input to float64
# fails: float32 in, float32 out, same shape
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not 0 <= p <= 1:
        raise ValueError(p)
    if not training or p == 0:
        return x.copy()
    if p == 1:
        return np.zeros_like(x)
    rng = rng or np.random.default_rng()
    return x * ((rng.random(x.shape) >= p) / (1 - p))
