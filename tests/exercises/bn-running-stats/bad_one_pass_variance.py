# the one-pass formula E[x^2] - E[x]^2: fine on paper, but for values 1000 +- 0.001 the two terms cancel
# and the tiny variance is lost in rounding
# fails: running_var near 0, a tiny variance around a large mean (1000 +- 0.001)
import numpy as np


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n < 2:
        raise ValueError("need at least two values per channel")
    batch_mean = x.mean(axis=(0, 2, 3))
    batch_var = ((x ** 2).mean(axis=(0, 2, 3)) - batch_mean ** 2) * n / (n - 1)
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = (1 - momentum) * running_var + momentum * batch_var
    return new_mean, new_var
