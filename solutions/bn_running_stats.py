"""Reference: one update of BatchNorm2d's running statistics in training mode, as PyTorch does it."""

import numpy as np


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n < 2:
        raise ValueError("more than one value per channel is needed for the unbiased variance")
    batch_mean = x.mean(axis=(0, 2, 3))
    batch_var = x.var(axis=(0, 2, 3), ddof=1)  # unbiased, n / (n - 1) times the one used to normalise
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = (1 - momentum) * running_var + momentum * batch_var
    return new_mean, new_var
