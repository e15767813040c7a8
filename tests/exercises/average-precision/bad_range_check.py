# checks that labels lie in [0, 1] instead of being 0 or 1: a 0.5 passes and is counted as a negative
# fails: a label 0.5 raises ValueError
import numpy as np


def average_precision(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must have equal lengths")
    if y.size and (y.min() < 0 or y.max() > 1):
        raise ValueError("labels must be in [0, 1]")
    positives = int(np.sum(y == 1))
    if positives == 0:
        raise ValueError("no positive sample")
    order = np.argsort(-s, kind="stable")
    y, s = y[order] == 1, s[order]
    tp = np.cumsum(y)
    last = np.r_[s[1:] != s[:-1], True]
    precision = tp[last] / (np.flatnonzero(last) + 1)
    recall = tp[last] / positives
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))
