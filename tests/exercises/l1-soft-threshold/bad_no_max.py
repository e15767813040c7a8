# forgets the max: small weights are pushed past 0 and change sign
# fails: random weights, shape (5, 6), lam = 0.5
# fails: 3-D weights, lam = 0.3
# fails: |w| <= lam becomes exactly 0, the boundary |w| = lam too
# fails: lam larger than every |w| gives all zeros
# fails: float32 in, float32 out
import numpy as np


def soft_threshold(w, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    return np.sign(w) * (np.abs(w) - lam)
