# checks the ranges but lets Nesterov run with momentum 0
# fails: nesterov with momentum 0 raises ValueError
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    g = grad + weight_decay * param
    buf = g.copy() if buf is None else momentum * buf + g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step, buf
