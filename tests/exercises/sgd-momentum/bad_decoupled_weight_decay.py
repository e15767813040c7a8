# AdamW-style decoupled weight decay: the buffer never sees it, the parameter decays on its own
# fails: weight decay enters the gradient before the buffer
# fails: weight decay on the first step
# fails: nesterov on the first step, with weight decay
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    g = grad
    buf = g.copy() if buf is None else momentum * buf + g
    step = g + momentum * buf if nesterov else buf
    return param - lr * step - lr * weight_decay * param, buf
