# a missing buffer is taken as zeros: momentum * 0 + g = g, the same first step as torch
import numpy as np


def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0:
        raise ValueError(f"Invalid learning rate: {lr}")
    if momentum < 0:
        raise ValueError(f"Invalid momentum value: {momentum}")
    if weight_decay < 0:
        raise ValueError(f"Invalid weight_decay value: {weight_decay}")
    if nesterov and momentum <= 0:
        raise ValueError("Nesterov momentum requires a momentum")
    d_p = grad + weight_decay * param if weight_decay else grad.copy()
    previous = np.zeros_like(param) if buf is None else buf
    new_buf = momentum * previous + d_p
    direction = d_p + momentum * new_buf if nesterov else new_buf
    return param - lr * direction, new_buf
