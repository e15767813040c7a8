# math.exp element by element: math.exp(1000) raises OverflowError, and the result is always float64
# fails: sigmoid - |x| up to 1000 gives 0 and 1, never nan or inf
# fails: sigmoid - float32 in, float32 out, finite for |x| up to 1000
# fails: sigmoid - x is not modified, a new array is returned
# fails: sigmoid_grad - |x| up to 1000 gives 0, not nan
# fails: sigmoid_grad - float32 in, float32 out
# fails: sigmoid_grad - x is not modified, a new array is returned
import math

import numpy as np


def _sigmoid(v):
    return 1 / (1 + math.exp(-v))


def sigmoid(x):
    return np.vectorize(_sigmoid, otypes=[np.float64])(x)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
