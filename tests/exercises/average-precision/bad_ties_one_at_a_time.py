# takes the samples one at a time in sorted order, so tied samples get different precisions
# fails: tied scores enter together at one threshold
# fails: all scores equal - AP is the fraction of positives
# fails: 200 samples with integer scores 0..9 (many ties)
# fails: tied groups mixing positives and negatives, in either order within the ties
# fails: 40 samples with tied float scores; bool labels with float32 scores
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
    last = np.ones(len(s), dtype=bool)
    precision = tp[last] / (np.flatnonzero(last) + 1)
    recall = tp[last] / positives
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))
