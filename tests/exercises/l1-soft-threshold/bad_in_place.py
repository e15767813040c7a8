# shrinks w in place and returns it
# fails: lam = 0 returns a new array, not w itself nor a view of it
# fails: w is not modified
import numpy as np


def soft_threshold(w, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    w -= np.sign(w) * np.minimum(np.abs(w), lam)
    return w
