"""Reference: the Jacobian of softmax, diag(y) - outer(y, y)."""

import numpy as np


def softmax_jacobian(x: np.ndarray) -> np.ndarray:
    shifted = x - np.max(x)  # a new array: x is left alone, and exp never overflows
    exp = np.exp(shifted)
    y = exp / np.sum(exp)
    return np.diag(y) - np.outer(y, y)
