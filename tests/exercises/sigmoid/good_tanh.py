# sigmoid(x) = (1 + tanh(x / 2)) / 2, which never overflows; the derivative as (1 - tanh^2) / 4
import numpy as np


def sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))


def sigmoid_grad(x):
    t = np.tanh(0.5 * x)
    return 0.25 * (1 - t * t)
