# the Jacobian of log-softmax, I - 1 y^T, instead of the one of softmax
# fails: three logits [1, 2, 3]
# fails: two logits
# fails: eight random logits
# fails: twenty logits in [-5, 5]
# fails: logits [5, 1, 10000, 6] give a zero Jacobian, not nan
# fails: logits around 1e4 give a finite, correct Jacobian
# fails: very negative logits do not give 0/0
import numpy as np


def softmax_jacobian(x):
    e = np.exp(x - x.max())
    y = e / e.sum()
    return np.eye(len(y)) - y[None, :]
