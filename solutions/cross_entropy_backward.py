"""Mean softmax cross-entropy and its gradient with respect to the logits, in numpy, stable by log-sum-exp."""

import numpy as np


def cross_entropy_with_grad(logits, labels):
    """(mean cross-entropy as a Python float, d loss / d logits of shape (N, K)) for integer labels (N,)."""
    n, k = logits.shape
    if n == 0:
        raise ValueError("an empty batch has no mean loss")
    if labels.shape != (n,):
        raise ValueError(f"labels must have shape ({n},)")
    if np.any(labels < 0) or np.any(labels >= k):
        raise ValueError(f"labels must lie in [0, {k})")
    shifted = logits - logits.max(axis=1, keepdims=True)  # a new array: logits is left alone
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    loss = -log_probs[rows, labels].mean()
    grad = np.exp(log_probs)  # softmax(logits)
    grad[rows, labels] -= 1.0  # softmax - one_hot
    grad /= n  # the loss is a mean over the batch
    return float(loss), grad
