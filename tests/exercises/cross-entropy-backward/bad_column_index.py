# p[:, y] -= 1 subtracts 1 in every column named in y on every row, not one entry per row
# (declared only where the labels differ for every draw: with all labels equal the mistake is harmless)
# fails: N=32, K=10 with int32 labels
# fails: equal logits give log K and (1/K - one-hot) / N
import numpy as np


def cross_entropy_with_grad(logits, labels):
    n, k = logits.shape
    if n == 0 or np.any(labels < 0) or np.any(labels >= k):
        raise ValueError("need N > 0 and labels in [0, K)")
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -logp[np.arange(n), labels].mean()
    grad = np.exp(logp)
    grad[:, labels] -= 1
    return float(loss), grad / n
