# walks the thresholds from low to high: the "ROC curve" of the reversed ranking, 1 - AUC
# fails: sklearn's example - [0, 0, 1, 1] scored [0.1, 0.4, 0.35, 0.8] gives 0.75
# fails: 120 samples with continuous scores
# fails: a perfect ranking gives 1.0
# fails: positives scored lowest give 0.0
# fails: bool labels and tuples, float32 scores in an array
# fails: one sample of each class
import numpy as np


def roc_auc(y_true, y_score):
    y, s = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y.ndim != 1 or y.shape != s.shape or y.size == 0:
        raise ValueError("need equal, non-empty lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    y = y == 1
    if y.all() or not y.any():
        raise ValueError("one class only")
    order = np.argsort(s, kind="stable")
    s, y = s[order], y[order]
    ends = np.r_[np.flatnonzero(s[1:] != s[:-1]), len(s) - 1]
    tps = np.cumsum(y)[ends]
    fps = ends + 1 - tps
    tpr, fpr = np.r_[0, tps / tps[-1]], np.r_[0, fps / fps[-1]]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
