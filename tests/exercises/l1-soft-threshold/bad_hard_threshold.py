# hard thresholding: zeroes small weights but does not shrink the others
# fails: random weights, shape (5, 6), lam = 0.5
# fails: 3-D weights, lam = 0.3
# fails: |w| <= lam becomes exactly 0, the boundary |w| = lam too
# fails: negative weights shrink toward 0 and stay negative
# fails: float32 in, float32 out
import numpy as np


def soft_threshold(w, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    return w * (np.abs(w) > lam)
