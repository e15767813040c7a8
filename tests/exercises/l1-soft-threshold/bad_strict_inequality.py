# three masks with strict inequalities everywhere: a weight exactly at |w| = lam is in none of them and is kept
# as +-lam instead of becoming 0
# fails: |w| <= lam becomes exactly 0, the boundary |w| = lam too
# fails: integer-valued weights, lam = 1 - ties |w| = lam and zeros
import numpy as np


def soft_threshold(w, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    out = w.copy()
    out[w > lam] -= lam
    out[w < -lam] += lam
    out[np.abs(w) < lam] = 0
    return out
