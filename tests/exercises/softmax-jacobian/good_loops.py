# the two cases of the derivative written out with loops: y_i (1 - y_i) on the diagonal, -y_i y_j off it
import numpy as np


def softmax_jacobian(x):
    e = np.exp(x - np.max(x))
    y = e / e.sum()
    n = len(y)
    J = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            J[i, j] = y[i] * (1 - y[i]) if i == j else -y[i] * y[j]
    return J
