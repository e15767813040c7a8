# the notes' version: shifts its argument in place, so the caller's x changes
# fails: x is not modified
import numpy as np


def softmax(x, axis=-1):
    x -= x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
