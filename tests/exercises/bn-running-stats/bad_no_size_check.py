# no check of n: with one value per channel ddof=1 divides by 0 and the running variance becomes nan
# fails: one value per channel (N*H*W = 1) raises ValueError
# fails: an empty batch (N = 0) raises ValueError


def bn_update(running_mean, running_var, x, momentum=0.1):
    batch_mean = x.mean(axis=(0, 2, 3))
    batch_var = x.var(axis=(0, 2, 3), ddof=1)
    new_mean = (1 - momentum) * running_mean + momentum * batch_mean
    new_var = (1 - momentum) * running_var + momentum * batch_var
    return new_mean, new_var
