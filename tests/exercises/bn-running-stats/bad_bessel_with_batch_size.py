# Bessel's correction with the batch size N instead of n = N * H * W
# fails: default momentum 0.1, the notes' (4, 3, 2, 2) batch
# fails: momentum 0.3, shape (8, 5, 4, 4)
# fails: momentum 1 gives the batch statistics (unbiased variance)
# fails: a single channel, non-square maps (6, 1, 3, 7)


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.shape[0] * x.shape[2] * x.shape[3]
    if n < 2:
        raise ValueError("need at least two values per channel")
    batch_mean = x.mean(axis=(0, 2, 3))
    batch_var = x.var(axis=(0, 2, 3)) * x.shape[0] / (x.shape[0] - 1)
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = (1 - momentum) * running_var + momentum * batch_var
    return new_mean, new_var
