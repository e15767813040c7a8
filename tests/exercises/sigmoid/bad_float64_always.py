# converts the input to float64 first, so float32 comes back as float64
# fails: sigmoid - float32 in, float32 out, finite for |x| up to 1000
# fails: sigmoid - random float32 values, shape (3, 4, 5)
# fails: sigmoid_grad - float32 in, float32 out
# fails: sigmoid_grad - random |x| up to 1e4 and float32 values
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
