# the notes' diag(Y) - Y^T . Y written on a 1-D array: y @ y is a scalar (the inner product), not the outer product
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
    return np.diag(y) - y.T @ y
