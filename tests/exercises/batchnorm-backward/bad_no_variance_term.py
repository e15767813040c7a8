# keeps the path through the mean but drops the one through the variance
# fails: (N, D) = (8, 5) - dx, dgamma and dbeta
# fails: (N, C, H, W) = (4, 3, 5, 6) - statistics over (0, 2, 3)
# fails: a batch of two - (2, 6)
# fails: N = 1 in 4-D - statistics over H and W of the one sample
# fails: eps = 0.5 on features of small variance - eps inside the square root
# fails: values near 1e6 with spread 1 - no cancellation in the variance
import numpy as np


def batchnorm_backward(x, gamma, beta, dout, eps=1e-5):
    """(dx, dgamma, dbeta): the gradients of sum(out * dout), out = gamma * x_hat + beta in training mode.

    x (N, D) normalised over axis 0, or (N, C, H, W) over axes (0, 2, 3); gamma and beta (D,) or (C,).
    """
    if x.ndim == 2:
        axes, shape = (0,), (1, -1)
    elif x.ndim == 4:
        axes, shape = (0, 2, 3), (1, -1, 1, 1)
    else:
        raise ValueError("x must be (N, D) or (N, C, H, W)")
    mean = x.mean(axis=axes, keepdims=True)
    centred = x - mean  # two passes: no cancellation in E[x^2] - E[x]^2
    var = (centred ** 2).mean(axis=axes, keepdims=True)  # biased, as in training
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = centred * inv_std
    dbeta = dout.sum(axis=axes)
    dgamma = (dout * x_hat).sum(axis=axes)
    dx_hat = dout * gamma.reshape(shape)
    # d/dx of x_hat goes through x itself, the mean and the variance:
    dx = inv_std * (dx_hat - dx_hat.mean(axis=axes, keepdims=True))
    return dx, dgamma, dbeta
