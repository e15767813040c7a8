# adds eps to sqrt(v) before the bias correction (the paper's eps-hat variant, not torch's)
# fails: eps=0.1 goes outside the square root, after the bias correction (lr=0.1)
import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError("t is 1-based")
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v / (1 - beta2**t)
    param = param - lr * m_hat * np.sqrt(1 - beta2**t) / (np.sqrt(v) + eps)
    return param, m, v
