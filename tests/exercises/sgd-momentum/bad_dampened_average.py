# an exponential average momentum * buf + (1 - momentum) * g, starting from zeros
# fails: first step (buf None) - buf = grad, param - lr * grad
# fails: a later step - buf = momentum * buf + grad
# fails: weight decay enters the gradient before the buffer
# fails: weight decay on the first step
# fails: nesterov - param - lr * (g + momentum * new buf)
# fails: nesterov on the first step, with weight decay
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    g = grad + weight_decay * param
    buf = (1 - momentum) * g if buf is None else momentum * buf + (1 - momentum) * g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step, buf
