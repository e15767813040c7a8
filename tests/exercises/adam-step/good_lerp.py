# moments updated as m + (1 - beta) (g - m), copies made explicitly, the update in place on the copy
import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if not t >= 1:
        raise ValueError(f"t must be >= 1, got {t}")
    new_m = m + (1 - beta1) * (grad - m)
    new_v = v + (1 - beta2) * (np.square(grad) - v)
    new_param = param.copy()
    new_param -= lr * (new_m / (1 - beta1**t)) / (np.sqrt(new_v / (1 - beta2**t)) + eps)
    return new_param, new_m, new_v
