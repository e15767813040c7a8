# Sutskever's form v = momentum * v - lr * g, param + v: the buffer is -lr times torch's
# fails: first step (buf None) - buf = grad, param - lr * grad
# fails: a later step - buf = momentum * buf + grad
# fails: weight decay enters the gradient before the buffer
# fails: weight decay on the first step
# fails: nesterov - param - lr * (g + momentum * new buf)
# fails: nesterov on the first step, with weight decay
# fails: momentum 0 is plain SGD and returns buf = grad
def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be >= 0")
    if nesterov and momentum == 0:
        raise ValueError("Nesterov needs momentum > 0")
    g = grad + weight_decay * param
    v = -lr * g if buf is None else momentum * buf - lr * g
    step = -lr * g + momentum * v if nesterov else v
    return param + step, v
