"""Reference: a numerically stable sigmoid and its derivative s(1 - s)."""

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    # exp(-|x|) is at most 1, so nothing overflows; each sign takes the form that is accurate for it
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    s = sigmoid(x)
    return s * (1 - s)
