# returns [loss, grads], a list, where the contract asks for a tuple
# fails: N=4, D=3, H=5, O=2 - the loss (a Python float) and the four gradients

import numpy as np


def mlp_loss_and_grads(x, y, W1, b1, W2, b2):
    n = x.shape[0]
    z = x @ W1 + b1
    h = np.maximum(z, 0)
    out = h @ W2 + b2
    diff = out - y
    loss = 0.5 * np.sum(diff**2) / n

    dout = diff / n  # d loss / d out
    dW2 = h.T @ dout
    db2 = dout.sum(axis=0)
    dz = (dout @ W2.T) * (z > 0)  # ReLU'(0) = 0
    dW1 = x.T @ dz
    db1 = dz.sum(axis=0)
    return [float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}]
