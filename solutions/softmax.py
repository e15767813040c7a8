"""Reference: numerically stable softmax along any axis."""

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    shifted = x - np.max(x, axis=axis, keepdims=True)  # a new array: x is left alone
    exp = np.exp(shifted)
    return exp / np.sum(exp, axis=axis, keepdims=True)
