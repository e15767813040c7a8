# updates the running buffers in place, as an nn.Module would, changing the caller's arrays
# fails: inputs are not modified, new arrays are returned
# fails: momentum 0 returns new arrays, not the running buffers


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n < 2:
        raise ValueError("need at least two values per channel")
    batch_mean = x.mean(axis=(0, 2, 3))
    batch_var = x.var(axis=(0, 2, 3), ddof=1)
    running_mean *= 1 - momentum
    running_mean += momentum * batch_mean
    running_var *= 1 - momentum
    running_var += momentum * batch_var
    return running_mean, running_var
