# "allows for round-off" in the check: a lam slightly below 0 slips through and grows every weight a little
# fails: a tiny negative lam (-1e-12) raises ValueError
import numpy as np


def soft_threshold(w, lam):
    if lam < -1e-9:
        raise ValueError("lam must be >= 0")
    return np.sign(w) * np.maximum(np.abs(w) - lam, 0)
