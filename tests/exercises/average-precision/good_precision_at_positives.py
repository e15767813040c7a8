# the mean, over the positives, of the precision at each positive's score, counting every sample scored at
# least as high (ties included): the same sum as sklearn's, grouped by positive instead of by threshold
import numpy as np


def average_precision(y_true, scores):
    y = np.array(y_true)
    s = np.array(scores, dtype=np.float64)
    if y.ndim != 1 or len(y) != len(s):
        raise ValueError("y_true and scores must be 1-D of equal length")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    pos = y == 1
    if not pos.any():
        raise ValueError("no positive sample")
    s_pos = s[pos]
    at_least = (s[None, :] >= s_pos[:, None])  # for each positive, the samples predicted positive at its score
    tp = (at_least & pos[None, :]).sum(axis=1)
    precision = tp / at_least.sum(axis=1)
    return float(precision.mean())
