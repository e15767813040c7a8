# w minus its projection onto [-lam, lam]: the Moreau decomposition of the L1 prox
import numpy as np


def soft_threshold(w, lam):
    if not lam >= 0:
        raise ValueError(f"lam = {lam} < 0")
    return w - np.clip(w, -lam, lam)
