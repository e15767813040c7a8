# ranks from argsort(argsort(s)): tied scores get distinct ranks, so ties are broken by position
# fails: 300 samples with integer scores 0..5 - tied pairs count one half
# fails: ties across the classes - [1, 0, 1, 0, 1] scored [0.5, 0.5, 0.2, 0.2, 0.9]
# fails: all scores equal gives 0.5
import numpy as np


def roc_auc(y_true, y_score):
    y, s = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y.ndim != 1 or y.shape != s.shape or y.size == 0:
        raise ValueError("need equal, non-empty lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    n_pos = int((y == 1).sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("one class only")
    ranks = np.argsort(np.argsort(s, kind="stable"), kind="stable") + 1
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
