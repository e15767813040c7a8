"""Reference: inverted dropout in numpy."""

import numpy as np


def dropout(x: np.ndarray, p: float, training: bool = True, rng: np.random.Generator | None = None) -> np.ndarray:
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training or p == 0.0:
        return x.copy()
    if p == 1.0:
        return np.zeros_like(x)
    rng = rng if rng is not None else np.random.default_rng()
    keep = rng.random(x.shape) >= p
    return (x * keep / (1.0 - p)).astype(x.dtype, copy=False)
