# torch's loop body, on copies so that the caller's arrays stay as they were
import numpy as np


def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if min(lr, momentum, weight_decay) < 0 or (nesterov and momentum == 0):
        raise ValueError("invalid hyper-parameters")
    p = np.array(param)  # copies, keeping the dtype
    d_p = np.array(grad)
    if weight_decay != 0:
        d_p += weight_decay * p
    if buf is None:
        b = d_p.copy()
    else:
        b = np.array(buf)
        b *= momentum
        b += d_p
    if nesterov:
        d_p = d_p + momentum * b
    else:
        d_p = b
    p -= lr * d_p
    return p, b
