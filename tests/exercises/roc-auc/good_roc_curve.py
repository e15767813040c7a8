# the ROC curve itself: one point per distinct threshold (high to low), trapezoids between them
import numpy as np


def roc_auc(y_true, y_score):
    y = np.asarray(y_true)
    s = np.asarray(y_score, dtype=float)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError("y_true and y_score must have equal lengths")
    if y.size == 0:
        raise ValueError("no samples")
    if np.any((y != 0) & (y != 1)):
        raise ValueError("labels must be 0 or 1")
    y = y.astype(bool)
    if y.all() or not y.any():
        raise ValueError("only one class present")
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    ends = np.r_[np.flatnonzero(s[1:] != s[:-1]), len(s) - 1]  # last sample of each threshold
    tps = np.cumsum(y)[ends]
    fps = (ends + 1) - tps
    tpr = np.r_[0.0, tps / tps[-1]]
    fpr = np.r_[0.0, fps / fps[-1]]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
