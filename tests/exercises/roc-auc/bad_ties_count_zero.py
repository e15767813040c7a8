# counts only negatives strictly below each positive: tied pairs count 0 instead of one half
# fails: 300 samples with integer scores 0..5 - tied pairs count one half
# fails: ties across the classes - [1, 0, 1, 0, 1] scored [0.5, 0.5, 0.2, 0.2, 0.9]
# fails: all scores equal gives 0.5
# fails: speed - 200,000 samples with many tied scores in well under a second (at most 1 s here)
import numpy as np


def roc_auc(y_true, y_score):
    y, s = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if y.ndim != 1 or y.shape != s.shape or y.size == 0:
        raise ValueError("need equal, non-empty lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    pos, neg = s[y == 1], np.sort(s[y == 0])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("one class only")
    return float(np.searchsorted(neg, pos, side="left").sum() / (pos.size * neg.size))
