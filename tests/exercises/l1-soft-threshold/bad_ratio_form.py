# the "scaling" form w * max(1 - lam / |w|, 0) (as in group lasso): right for w != 0, but with lam = 0 an
# exact zero gives 0 / 0 = nan
# fails: lam = 0 with exact zeros in w returns w, no nan (float64 and float32)
import numpy as np


def soft_threshold(w, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    with np.errstate(divide="ignore", invalid="ignore"):
        return w * np.maximum(1 - lam / np.abs(w), 0)
