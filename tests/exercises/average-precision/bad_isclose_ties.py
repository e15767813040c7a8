# "never compare floats with ==": groups runs of scores with np.isclose, so distinct scores 1e-9 apart are
# merged into one threshold
# fails: scores 1e-9 apart are distinct thresholds, not ties
import numpy as np


def average_precision(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must have equal lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    positives = int(np.sum(y == 1))
    if positives == 0:
        raise ValueError("no positive sample")
    order = np.argsort(-s, kind="stable")
    y, s = y[order] == 1, s[order]
    tp = np.cumsum(y)
    last = np.r_[~np.isclose(s[1:], s[:-1]), True]
    precision = tp[last] / (np.flatnonzero(last) + 1)
    recall = tp[last] / positives
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))
