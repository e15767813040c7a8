# flattens to 2-D with reshape(-1, n): right for the first and the last axis only, scrambles a middle one
# fails: every axis of a (2, 3, 4) array, 0 to 2 and -1 to -3
# fails: 4-D, negative axis=-3
import numpy as np


def softmax(x, axis=-1):
    axis = axis % x.ndim
    n = x.shape[axis]
    if axis == 0:
        flat = x.reshape(n, -1)
        e = np.exp(flat - flat.max(axis=0))
        return (e / e.sum(axis=0)).reshape(x.shape)
    flat = x.reshape(-1, n)
    e = np.exp(flat - flat.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).reshape(x.shape)
