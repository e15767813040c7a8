# clips against np.zeros(w.shape), a float64 array, so float32 weights come back as float64
# fails: float32 in, float32 out
import numpy as np


def soft_threshold(w, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    return np.sign(w) * np.maximum(np.abs(w) - lam, np.zeros(w.shape))
