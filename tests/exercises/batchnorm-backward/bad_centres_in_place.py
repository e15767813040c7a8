# centres x and scales dout in place to save memory: the caller's arrays change
# fails: x, gamma, beta and dout are not modified
import numpy as np


def batchnorm_backward(x, gamma, beta, dout, eps=1e-5):
    axes = (0,) if x.ndim == 2 else (0, 2, 3)
    shape = (1, -1) if x.ndim == 2 else (1, -1, 1, 1)
    dbeta = dout.sum(axes)
    x -= x.mean(axes, keepdims=True)
    inv = 1 / np.sqrt((x ** 2).mean(axes, keepdims=True) + eps)
    x *= inv  # now x_hat
    dgamma = (dout * x).sum(axes)
    dout *= gamma.reshape(shape)  # now d x_hat
    dx = inv * (dout - dout.mean(axes, keepdims=True) - x * (dout * x).mean(axes, keepdims=True))
    return dx, dgamma, dbeta
