# for every positive, count the negatives strictly below it and the tied ones with binary search
import numpy as np


def roc_auc(y_true, y_score):
    labels = list(y_true)
    scores = np.array(list(y_score), dtype=np.float64)
    if len(labels) != len(scores):
        raise ValueError("lengths differ")
    if not labels:
        raise ValueError("empty input")
    if any(v not in (0, 1) for v in labels):
        raise ValueError("labels must be 0 or 1")
    mask = np.array(labels, dtype=bool)
    pos, neg = scores[mask], np.sort(scores[~mask])
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("both classes are needed")
    below = np.searchsorted(neg, pos, side="left")
    tied = np.searchsorted(neg, pos, side="right") - below
    return (below.sum() + 0.5 * tied.sum()) / (len(pos) * len(neg))
