# rejects exactly n == 1 instead of n < 2: an empty batch goes through and gives nan statistics
# fails: an empty batch (N = 0) raises ValueError
import numpy as np


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n == 1:
        raise ValueError("need more than one value per channel")
    with np.errstate(invalid="ignore", divide="ignore"):
        batch_mean = x.mean(axis=(0, 2, 3))
        batch_var = x.var(axis=(0, 2, 3), ddof=1)
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = (1 - momentum) * running_var + momentum * batch_var
    return new_mean, new_var
