# skips the buffer when momentum is 0 and returns None for it (the contract asks for buf = g)
# fails: momentum 0 is plain SGD and returns buf = grad
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    g = grad + weight_decay * param
    if momentum == 0:
        return param - lr * g, None
    buf = g.copy() if buf is None else momentum * buf + g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step, buf
