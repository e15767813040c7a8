# no check of lam: a negative lam silently grows every weight
# fails: lam < 0 raises ValueError
import numpy as np


def soft_threshold(w, lam):
    return np.sign(w) * np.maximum(np.abs(w) - lam, 0)
