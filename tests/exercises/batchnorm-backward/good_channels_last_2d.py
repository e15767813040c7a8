# 4-D inputs become a (N*H*W, C) matrix (channels last); one 2-D formula with sums over the rows
import numpy as np


def _backward_2d(x, gamma, dout, eps):
    m = x.shape[0]
    mean = x.mean(0)
    var = ((x - mean) ** 2).mean(0)
    inv = (var + eps) ** -0.5
    xhat = (x - mean) * inv
    dxhat = dout * gamma
    dx = (inv / m) * (m * dxhat - dxhat.sum(0) - xhat * (dxhat * xhat).sum(0))
    return dx, (dout * xhat).sum(0), dout.sum(0)


def batchnorm_backward(x, gamma, beta, dout, eps=1e-5):
    if x.ndim == 2:
        return _backward_2d(x, gamma, dout, eps)
    n, c, h, w = x.shape
    to_rows = lambda a: a.transpose(0, 2, 3, 1).reshape(-1, c)  # noqa: E731
    dx, dgamma, dbeta = _backward_2d(to_rows(x), gamma, to_rows(dout), eps)
    return dx.reshape(n, h, w, c).transpose(0, 3, 1, 2), dgamma, dbeta
