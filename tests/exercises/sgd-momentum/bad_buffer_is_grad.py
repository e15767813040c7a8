# skips the weight-decay add when it is 0 and starts the buffer as g itself: on the first step the returned
# buf is the caller's grad array, so updating one later changes the other
# fails: the first step's buf is a new array, not grad itself
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    g = grad if weight_decay == 0 else grad + weight_decay * param
    buf = g if buf is None else momentum * buf + g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step, buf
