# the stable two-branch version with the branches swapped: it computes sigmoid(-x) (the derivative, symmetric, still comes out right)
# fails: sigmoid - random values, shape (4, 5)
# fails: sigmoid - [-2, -1, 0, 1, 2], with sigmoid(0) = 0.5
# fails: sigmoid - 3-D input keeps its shape
# fails: sigmoid - |x| up to 1000 gives 0 and 1, never nan or inf
# fails: sigmoid - float32 in, float32 out, finite for |x| up to 1000
import numpy as np


def sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
