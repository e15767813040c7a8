# sorts "its copies" in place, but np.asarray does not copy a numpy array: the caller's arrays get reordered
# fails: y_true and scores are not modified
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
    s[:] = s[order]
    y[:] = y[order]
    tp = np.cumsum(y == 1)
    last = np.r_[s[1:] != s[:-1], True]
    precision = tp[last] / (np.flatnonzero(last) + 1)
    recall = tp[last] / positives
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))
