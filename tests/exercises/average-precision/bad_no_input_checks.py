# checks for a positive but not the lengths or the labels (a 2 is counted as a negative)
# fails: unequal lengths raise ValueError
# fails: a label 2 raises ValueError
import numpy as np


def average_precision(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
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
