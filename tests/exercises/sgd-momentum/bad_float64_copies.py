# copies the inputs with np.array(..., dtype=np.float64) to keep them intact: float32 state comes back float64
# fails: float32 in, float32 out - first step, later step, nesterov with weight decay
import numpy as np


def sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay=0.0, nesterov=False):
    if min(lr, momentum, weight_decay) < 0 or (nesterov and momentum == 0):
        raise ValueError("invalid hyper-parameters")
    p = np.array(param, dtype=np.float64)
    d_p = np.array(grad, dtype=np.float64)
    if weight_decay != 0:
        d_p += weight_decay * p
    if buf is None:
        b = d_p.copy()
    else:
        b = np.array(buf, dtype=np.float64)
        b *= momentum
        b += d_p
    d_p = d_p + momentum * b if nesterov else b
    p -= lr * d_p
    return p, b
