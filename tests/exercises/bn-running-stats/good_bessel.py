# the biased variance times n / (n - 1) (Bessel's correction), the update written as running + m * (batch - running)


def bn_update(running_mean, running_var, x, momentum=0.1):
    n = x.size // x.shape[1]
    if n <= 1:
        raise ValueError("need more than one value per channel")
    mean = x.mean(axis=(0, 2, 3))
    var = x.var(axis=(0, 2, 3)) * n / (n - 1)
    return running_mean + momentum * (mean - running_mean), running_var + momentum * (var - running_var)
