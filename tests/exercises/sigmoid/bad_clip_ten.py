# clips x to [-10, 10] "to avoid overflow": no overflow, but every |x| > 10 gets sigmoid(+-10)
# fails: sigmoid - |x| up to 1000 gives 0 and 1, never nan or inf
# fails: sigmoid - 10 < |x| < 20 on both sides, tails not rounded to 0 or 1
# fails: sigmoid - random x in (-20, -10) and (10, 20)
# fails: sigmoid - random |x| up to 1e4, float64 and float32
# fails: sigmoid_grad - |x| up to 1000 gives 0, not nan
# fails: sigmoid_grad - 10 < |x| < 20 on both sides, tails not rounded to 0
# fails: sigmoid_grad - random x in (-20, -10) and (10, 20)
# fails: sigmoid_grad - random |x| up to 1e4 and float32 values
import numpy as np


def sigmoid(x):
    x = np.clip(x, -10, 10)
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
