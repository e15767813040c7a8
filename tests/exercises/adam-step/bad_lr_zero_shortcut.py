# "nothing to do when lr is 0": returns the inputs as they are, but the moments must still be updated
# (and param itself comes back instead of a new array)
# fails: lr = 0 - param keeps its values, m and v still update
# fails: lr = 0 returns a new param array, not param itself
import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError("t is 1-based")
    if lr == 0:
        return param, m, v
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    param = param - lr * m_hat / (np.sqrt(v_hat) + eps)
    return param, m, v
