# updates the buffer and the parameter in place, as torch does with its own state
# fails: param, grad and buf are not modified, new arrays are returned
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    g = grad + weight_decay * param
    if buf is None:
        buf = g.copy()
    else:
        buf *= momentum
        buf += g
    step = g + momentum * buf if nesterov else buf
    param -= lr * step
    return param, buf
