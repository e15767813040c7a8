# np.where with a uniform draw; scale applied to survivors only
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not (0.0 <= p <= 1.0):
        raise ValueError(p)
    if not training or p == 0.0:
        return x.copy()
    if rng is None:
        rng = np.random.default_rng()
    drop = rng.uniform(size=x.shape) < p
    scale = 0.0 if p == 1.0 else 1.0 / (1.0 - p)
    return np.where(drop, 0, x * scale).astype(x.dtype)
