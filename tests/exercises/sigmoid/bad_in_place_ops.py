# saves memory with in-place ufuncs on x: the caller's array is overwritten and returned as the result
# fails: sigmoid - x is not modified, a new array is returned
# fails: sigmoid_grad - x is not modified, a new array is returned
import numpy as np


def sigmoid(x):
    with np.errstate(over="ignore"):
        np.negative(x, out=x)
        np.exp(x, out=x)
        x += 1
        np.reciprocal(x, out=x)
    return x


def sigmoid_grad(x):
    s = sigmoid(x)
    s *= 1 - s
    return s
