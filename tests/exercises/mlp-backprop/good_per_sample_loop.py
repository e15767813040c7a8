# accumulates the gradients sample by sample with outer products, then averages
import numpy as np


def mlp_loss_and_grads(x, y, W1, b1, W2, b2):
    n = len(x)
    grads = {"W1": np.zeros_like(W1), "b1": np.zeros_like(b1), "W2": np.zeros_like(W2), "b2": np.zeros_like(b2)}
    loss = 0.0
    for xi, yi in zip(x, y):
        z = xi @ W1 + b1
        h = np.where(z > 0, z, 0.0)
        err = h @ W2 + b2 - yi
        loss += 0.5 * float(err @ err)
        grads["W2"] += np.outer(h, err)
        grads["b2"] += err
        dz = (W2 @ err) * (z > 0)
        grads["W1"] += np.outer(xi, dz)
        grads["b1"] += dz
    return loss / n, {k: g / n for k, g in grads.items()}
