# exp(x) / (1 + exp(x)): for large positive x that is inf / inf = nan
# fails: sigmoid - |x| up to 1000 gives 0 and 1, never nan or inf
# fails: sigmoid - float32 in, float32 out, finite for |x| up to 1000
# fails: sigmoid_grad - |x| up to 1000 gives 0, not nan
# fails: sigmoid_grad - float32 in, float32 out
import numpy as np


def sigmoid(x):
    with np.errstate(over='ignore', invalid='ignore'):
        e = np.exp(x)
        return e / (1 + e)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
