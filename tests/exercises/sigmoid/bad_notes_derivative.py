# the notes' derivative sigmoid(x) * (x - sigmoid(x))
# fails: sigmoid_grad - random values, shape (3, 4)
# fails: sigmoid_grad - 0.25 at x = 0, symmetric around it
# fails: sigmoid_grad - |x| up to 1000 gives 0, not nan
# fails: sigmoid_grad - float32 in, float32 out
import numpy as np


def sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (x - s)
