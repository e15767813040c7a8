# one-hot matrix and a row-wise log-sum-exp; the gradient as (softmax - one_hot) / N
import numpy as np


def cross_entropy_with_grad(logits, labels):
    labels = np.asarray(labels)
    N, K = logits.shape
    if N == 0 or not ((labels >= 0) & (labels < K)).all():
        raise ValueError("need N > 0 and labels in [0, K)")
    one_hot = np.eye(K)[labels]
    m = np.max(logits, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    log_softmax = logits - lse
    loss = -np.sum(one_hot * log_softmax) / N
    return float(loss), (np.exp(log_softmax) - one_hot) / N
