# computes in float32 "since that is what networks use": float64 inputs come back as float32, and
# float32 1 - sigmoid(x) loses the tail of the derivative
# fails: sigmoid - random values, shape (4, 5)
# fails: sigmoid - [-2, -1, 0, 1, 2], with sigmoid(0) = 0.5
# fails: sigmoid - 3-D input keeps its shape
# fails: sigmoid - 10 < |x| < 20 on both sides, tails not rounded to 0 or 1
# fails: sigmoid - random x in (-20, -10) and (10, 20)
# fails: sigmoid - random |x| up to 1e4, float64 and float32
# fails: sigmoid_grad - random values, shape (3, 4)
# fails: sigmoid_grad - random |x| up to 1e4 and float32 values
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
