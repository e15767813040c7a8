# takes an SGD step on the parameters in place before returning, changing the caller's arrays
# fails: no input is modified
import numpy as np


def mlp_loss_and_grads(x, y, W1, b1, W2, b2):
    n = x.shape[0]
    z = x @ W1 + b1
    h = np.maximum(z, 0)
    out = h @ W2 + b2
    diff = out - y
    loss = 0.5 * np.sum(diff**2) / n
    dout = diff / n
    dW2 = h.T @ dout
    db2 = dout.sum(axis=0)
    dh = dout @ W2.T
    dz = dh * (z > 0)
    dW1 = x.T @ dz
    db1 = dz.sum(axis=0)
    for param, grad in ((W1, dW1), (b1, db1), (W2, dW2), (b2, db2)):
        param -= 0.1 * grad
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
