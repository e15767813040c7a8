# the notes' softmax: shifts its argument in place, so the caller's x changes
# fails: x is not modified
import numpy as np


def softmax_jacobian(x):
    x -= np.max(x)
    y = np.exp(x) / np.sum(np.exp(x))
    return np.diag(y) - np.outer(y, y)
