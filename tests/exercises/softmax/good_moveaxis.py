# move the axis last, work on rows, move it back
import numpy as np


def softmax(x, axis=-1):
    moved = np.moveaxis(x, axis, -1)
    shifted = moved - moved.max(axis=-1)[..., None]
    e = np.exp(shifted)
    out = e / e.sum(axis=-1)[..., None]
    return np.moveaxis(out, -1, axis)
