"""Reference: one step of torch.optim.SGD with momentum (dampening 0), optional Nesterov and weight decay."""


def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov momentum needs momentum > 0")
    g = grad + weight_decay * param  # L2 weight decay enters the gradient, before the buffer
    buf = g.copy() if buf is None else momentum * buf + g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step, buf
