# a Python loop over the positives, each compared with all negatives: O(n^2) in disguise
# fails: speed - 200,000 samples with many tied scores in well under a second (at most 1 s here)
import numpy as np


def roc_auc(y_true, y_score):
    y, s = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y.ndim != 1 or y.shape != s.shape or y.size == 0:
        raise ValueError("need equal, non-empty lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    pos, neg = s[y == 1], s[y == 0]
    if pos.size == 0 or neg.size == 0:
        raise ValueError("one class only")
    wins = 0.0
    for p in pos:
        wins += np.count_nonzero(neg < p) + 0.5 * np.count_nonzero(neg == p)
    return float(wins / (pos.size * neg.size))
