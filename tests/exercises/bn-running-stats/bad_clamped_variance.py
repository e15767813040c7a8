# clamps the new running variance at 1e-5 "so that a later division is safe": a variance of 0 is not kept
# fails: running_var 0 and a constant batch give exactly 0 (no eps, no clamp)
import numpy as np


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n < 2:
        raise ValueError("need at least two values per channel")
    batch_mean = x.mean(axis=(0, 2, 3))
    batch_var = x.var(axis=(0, 2, 3), ddof=1)
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = np.maximum((1 - momentum) * running_var + momentum * batch_var, 1e-5)
    return new_mean, new_var
