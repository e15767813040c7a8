# "nothing moves when lr is 0": returns param and buf as they came, but the buffer must still be updated
# fails: lr = 0 - param keeps its values, buf still updates
# fails: lr = 0 returns a new param array, not param itself
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    if lr == 0:
        return param, buf
    g = grad + weight_decay * param
    buf = g.copy() if buf is None else momentum * buf + g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step, buf
