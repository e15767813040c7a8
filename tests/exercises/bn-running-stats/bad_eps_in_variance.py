# adds BN's eps to the batch variance before the update: eps belongs to the normalisation, not to running_var
# fails: running_var 0 and a constant batch give exactly 0 (no eps, no clamp)
# fails: running_var near 0, a tiny variance around a large mean (1000 +- 0.001)
import numpy as np


def bn_update(running_mean, running_var, x, momentum=0.1, eps=1e-5):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n < 2:
        raise ValueError("need at least two values per channel")
    batch_mean = x.mean(axis=(0, 2, 3))
    batch_var = x.var(axis=(0, 2, 3), ddof=1) + eps
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = (1 - momentum) * running_var + momentum * batch_var
    return new_mean, new_var
