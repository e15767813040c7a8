# no argument checks: negative rates and Nesterov without momentum run silently
# fails: lr < 0 raises ValueError
# fails: momentum < 0 raises ValueError
# fails: weight_decay < 0 raises ValueError
# fails: nesterov with momentum 0 raises ValueError
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    g = grad + weight_decay * param
    buf = g.copy() if buf is None else momentum * buf + g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step, buf
