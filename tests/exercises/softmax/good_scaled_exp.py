# moves the axis last, shifts by the row max, normalises with a reciprocal, moves the axis back
import numpy as np


def softmax(x, axis=-1):
    moved = np.moveaxis(np.asarray(x), axis, -1)
    e = np.exp(moved - moved.max(axis=-1, keepdims=True))
    out = e * (1 / e.sum(axis=-1, keepdims=True))
    return np.moveaxis(out, -1, axis)
