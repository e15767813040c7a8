# a shortcut for lam == 0 that "copies" with w[:], the list idiom: for a numpy array that is a view of w
# fails: lam = 0 returns a new array, not w itself nor a view of it
import numpy as np


def soft_threshold(w, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    if lam == 0:
        return w[:]
    return np.sign(w) * np.maximum(np.abs(w) - lam, 0)
