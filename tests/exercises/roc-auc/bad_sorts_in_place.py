# sorts the caller's arrays in place (ndarray.sort and a fancy-index assignment) to walk the thresholds
# fails: y_true and y_score are not modified
import numpy as np


def roc_auc(y_true, y_score):
    y, s = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y.ndim != 1 or y.shape != s.shape or y.size == 0:
        raise ValueError("need equal, non-empty lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    if (y == 1).all() or (y == 0).all():
        raise ValueError("one class only")
    order = np.argsort(s, kind="stable")
    y[:] = y[order]
    s.sort()
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2)[inverse]
    n_pos = int((y == 1).sum())
    n_neg = y.size - n_pos
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
