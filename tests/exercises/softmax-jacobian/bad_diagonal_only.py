# keeps only d y_i / d x_i = y_i (1 - y_i), as if each output depended on its own logit only
# fails: three logits [1, 2, 3]
# fails: two logits
# fails: eight random logits
# fails: twenty logits in [-5, 5]
# fails: logits around 1e4 give a finite, correct Jacobian
# fails: very negative logits do not give 0/0
import numpy as np


def softmax_jacobian(x):
    e = np.exp(x - x.max())
    y = e / e.sum()
    return np.diag(y * (1 - y))
