# never checks that both classes are present: 0 / 0 gives nan (or ZeroDivisionError), not ValueError
# fails: only negatives raise ValueError
# fails: only positives raise ValueError
# fails: empty input raises ValueError
import numpy as np


def roc_auc(y_true, y_score):
    y, s = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("need equal lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2)[inverse]
    n_pos = int((y == 1).sum())
    n_neg = y.size - n_pos
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.float64(ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / np.float64(n_pos * n_neg))
