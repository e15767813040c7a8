"""Reference: soft thresholding, the proximal step of the L1 penalty."""

import numpy as np


def soft_threshold(w: np.ndarray, lam: float) -> np.ndarray:
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got {lam}")
    return np.sign(w) * np.maximum(np.abs(w) - lam, 0)
