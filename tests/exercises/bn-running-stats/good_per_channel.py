# channel by channel on a (C, N*H*W) view, with explicit sums
import numpy as np


def bn_update(running_mean, running_var, x, momentum=0.1):
    c = x.shape[1]
    values = np.transpose(x, (1, 0, 2, 3)).reshape(c, -1)
    n = values.shape[1]
    if n < 2:
        raise ValueError("the unbiased variance needs n >= 2")
    new_mean = np.empty(c)
    new_var = np.empty(c)
    for k in range(c):
        mu = values[k].sum() / n
        var = ((values[k] - mu) ** 2).sum() / (n - 1)
        new_mean[k] = (1 - momentum) * running_mean[k] + momentum * mu
        new_var[k] = (1 - momentum) * running_var[k] + momentum * var
    return new_mean, new_var
