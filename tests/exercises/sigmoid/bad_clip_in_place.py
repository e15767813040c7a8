# clips x to [-500, 500] in place to avoid overflow, changing the caller's array
# fails: sigmoid - x is not modified, a new array is returned
# fails: sigmoid_grad - x is not modified, a new array is returned
import numpy as np


def sigmoid(x):
    np.clip(x, -500, 500, out=x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
