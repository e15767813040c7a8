# returns dgamma and dbeta with keepdims=True: shape (1, C, 1, 1) or (1, D) instead of gamma's (C,)
# fails: (N, D) = (8, 5) - dx, dgamma and dbeta
# fails: (N, C, H, W) = (4, 3, 5, 6) - statistics over (0, 2, 3)
# fails: a batch of two - (2, 6)
# fails: N = 1 in 4-D - statistics over H and W of the one sample
# fails: eps = 0.5 on features of small variance - eps inside the square root
# fails: dout of ones - dx is 0 (the mean and variance paths cancel the direct one)
# fails: values near 1e6 with spread 1 - no cancellation in the variance
import numpy as np


def batchnorm_backward(x, gamma, beta, dout, eps=1e-5):
    axes = (0,) if x.ndim == 2 else (0, 2, 3)
    shape = (1, -1) if x.ndim == 2 else (1, -1, 1, 1)
    mu = x.mean(axes, keepdims=True)
    xc = x - mu
    inv = 1 / np.sqrt((xc ** 2).mean(axes, keepdims=True) + eps)
    xhat = xc * inv
    g = dout * gamma.reshape(shape)
    dx = inv * (g - g.mean(axes, keepdims=True) - xhat * (g * xhat).mean(axes, keepdims=True))
    return dx, (dout * xhat).sum(axes, keepdims=True), dout.sum(axes, keepdims=True)
