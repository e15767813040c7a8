# softmax without the max shift: exp(10000) is inf, inf / inf is nan, and exp(-10000) / 0 too
# fails: random logits in ±1e4 give a finite, correct Jacobian
# fails: logits [5, 1, 10000, 6] give a zero Jacobian, not nan
# fails: logits around 1e4 give a finite, correct Jacobian
# fails: very negative logits do not give 0/0
import numpy as np


def softmax_jacobian(x):
    with np.errstate(all="ignore"):
        e = np.exp(x)
        y = e / e.sum()
    return np.diag(y) - np.outer(y, y)
