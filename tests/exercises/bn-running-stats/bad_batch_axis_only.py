# BatchNorm1d habits: statistics over N only, one per (C, H, W) position
# fails: default momentum 0.1, the notes' (4, 3, 2, 2) batch
# fails: momentum 0.3, shape (8, 5, 4, 4)
# fails: running_var gets the unbiased variance - n = 2 values per channel
# fails: momentum 1 gives the batch statistics (unbiased variance)
# fails: momentum 0 keeps the old values
# fails: a single channel, non-square maps (6, 1, 3, 7)
# fails: inputs are not modified, new arrays are returned


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n < 2:
        raise ValueError("need at least two values per channel")
    batch_mean = x.mean(axis=0)
    batch_var = x.var(axis=0, ddof=1)
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = (1 - momentum) * running_var + momentum * batch_var
    return new_mean, new_var
