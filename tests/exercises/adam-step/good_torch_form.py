# torch's own arithmetic: step size lr / bc1, denominator sqrt(v) / sqrt(bc2) + eps
import math

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError("t starts at 1")
    m_new = m * beta1 + grad * (1 - beta1)
    v_new = v * beta2 + grad * grad * (1 - beta2)
    bias_correction1 = 1 - beta1**t
    bias_correction2 = 1 - beta2**t
    denom = np.sqrt(v_new) / math.sqrt(bias_correction2) + eps
    return param - (lr / bias_correction1) * m_new / denom, m_new, v_new
