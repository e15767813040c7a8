# the textbook 1 / (1 + exp(-x)): exp(1000) overflows to inf, but 1 / inf is the right 0; the warning is silenced
import numpy as np


def sigmoid(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s - s * s
