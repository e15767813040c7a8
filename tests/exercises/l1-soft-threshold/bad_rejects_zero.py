# rejects lam == 0 too, although lam = 0 is a valid (no-op) penalty
# fails: lam = 0 returns the values of w
# fails: lam = 0 returns a new array, not w itself nor a view of it
import numpy as np


def soft_threshold(w, lam):
    if lam <= 0:
        raise ValueError("lam must be >= 0")
    return np.sign(w) * np.maximum(np.abs(w) - lam, 0)
