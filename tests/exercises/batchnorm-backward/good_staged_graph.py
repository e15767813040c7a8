# the computational graph walked back node by node (dvar, then dmu), as in cs231n
import numpy as np


def batchnorm_backward(x, gamma, beta, dout, eps=1e-5):
    axes = tuple(i for i in range(x.ndim) if i != 1)
    bshape = [1] * x.ndim
    bshape[1] = -1
    m = x.size // x.shape[1]
    mu = np.sum(x, axis=axes, keepdims=True) / m
    xmu = x - mu
    var = np.sum(xmu * xmu, axis=axes, keepdims=True) / m
    std = np.sqrt(var + eps)
    xhat = xmu / std
    dbeta = np.sum(dout, axis=axes)
    dgamma = np.sum(dout * xhat, axis=axes)
    dxhat = dout * np.reshape(gamma, bshape)
    dvar = np.sum(dxhat * xmu, axis=axes, keepdims=True) * -0.5 * std ** -3
    dmu = -np.sum(dxhat, axis=axes, keepdims=True) / std + dvar * np.sum(-2.0 * xmu, axis=axes, keepdims=True) / m
    dx = dxhat / std + dvar * 2.0 * xmu / m + dmu / m
    return (dx, dgamma, dbeta)
