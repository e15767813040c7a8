# no max shift: exp overflows to inf for large logits, and inf/inf is nan
# fails: large logits [5, 1, 10000, 6] give [0, 0, 1, 0]
# fails: logits up to ±1e4 stay finite and right
# fails: very negative logits do not give 0/0
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
