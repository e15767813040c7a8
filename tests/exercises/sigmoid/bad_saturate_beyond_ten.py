# the "fast sigmoid" shortcut: 0 below x = -10 and 1 above x = 10 ("close enough"), exact only in between;
# sigmoid(-15) is 3.06e-7, not 0, and the derivative there is 3.06e-7, not 0
# fails: sigmoid - 10 < |x| < 20 on both sides, tails not rounded to 0 or 1
# fails: sigmoid - random x in (-20, -10) and (10, 20)
# fails: sigmoid_grad - 10 < |x| < 20 on both sides, tails not rounded to 0
# fails: sigmoid_grad - random x in (-20, -10) and (10, 20)
import numpy as np


def sigmoid(x):
    inside = np.clip(x, -10, 10)  # only used where |x| <= 10
    s = 1 / (1 + np.exp(-inside))
    return np.where(x > 10, 1.0, np.where(x < -10, 0.0, s)).astype(x.dtype)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)
