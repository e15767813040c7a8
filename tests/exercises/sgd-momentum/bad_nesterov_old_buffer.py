# Nesterov looks ahead with the buffer from before this step's update
# fails: nesterov - param - lr * (g + momentum * new buf)
# fails: nesterov on the first step, with weight decay
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    g = grad + weight_decay * param
    old = 0 * g if buf is None else buf
    buf = g.copy() if buf is None else momentum * buf + g
    step = g + momentum * old if nesterov else buf
    return param - lr * step, buf
