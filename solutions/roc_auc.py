"""Area under the ROC curve as the Mann-Whitney statistic: average ranks, n log n."""

import numpy as np


def roc_auc(y_true, y_score) -> float:
    """P(a random positive scores above a random negative), ties counting one half, as a Python float."""
    y = np.asarray(y_true)
    s = np.asarray(y_score, dtype=np.float64)
    if y.ndim != 1 or s.ndim != 1 or len(y) != len(s):
        raise ValueError("y_true and y_score must be 1-D sequences of equal length")
    if len(y) == 0:
        raise ValueError("empty input")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    positive = y == 1
    n_pos = int(positive.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs both classes in y_true")
    # 1-based ranks of the scores, tied scores sharing the average of their ranks
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)
    ranks = (last - (counts - 1) / 2.0)[inverse]
    # Mann-Whitney U: pairs (positive, negative) with the positive ranked higher, ties counting 1/2
    u = ranks[positive].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))
