# draws the ROC curve one sample at a time: tied samples of both classes make a staircase instead of a diagonal
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
    if (y == 1).all() or (y == 0).all():
        raise ValueError("one class only")
    y = y[np.argsort(-s, kind="stable")] == 1
    tpr = np.r_[0.0, np.cumsum(y) / y.sum()]
    fpr = np.r_[0.0, np.cumsum(~y) / (~y).sum()]
    return float(np.trapezoid(tpr, fpr) if hasattr(np, "trapezoid") else np.trapz(tpr, fpr))
