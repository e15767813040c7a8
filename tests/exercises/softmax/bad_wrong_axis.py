# normalises over the whole array instead of along the axis
# fails: 1-D logits
# fails: 2-D, default axis (the last)
# fails: 3-D, axis=0
# fails: 4-D, negative axis=-3
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum() * (e.shape[axis] if x.ndim == 1 else 1)
