# sums the loss and its gradient over the batch instead of averaging (reduction="sum")
# fails: N=6, K=5 - the loss (a Python float) and the gradient
# fails: N=32, K=10 with int32 labels
# fails: two classes (K=2)
# fails: equal logits give log K and (1/K - one-hot) / N
# fails: logits of ±1e4 - [[1e4, 0, -1e4], [0, 1e4, 0]] with labels [1, 1] give 5000
# fails: random logits up to 1e4 in magnitude stay finite and right
import numpy as np


def cross_entropy_with_grad(logits, labels):
    n, k = logits.shape
    if n == 0 or np.any(labels < 0) or np.any(labels >= k):
        raise ValueError("need N > 0 and labels in [0, K)")
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    grad = np.exp(logp)
    grad[rows, labels] -= 1
    return float(-logp[rows, labels].sum()), grad
