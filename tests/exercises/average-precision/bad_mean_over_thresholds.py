# averages the precision over all thresholds instead of weighting it by the recall increments
# fails: sklearn's example - [0, 0, 1, 1] scored [0.1, 0.4, 0.35, 0.8] gives 0.8333
# fails: no ties - precision 1, 2/4, 3/5 at the positives gives 0.7 (no interpolation)
# fails: tied scores enter together at one threshold
# fails: 200 samples with integer scores 0..9 (many ties)
# fails: 100 samples with continuous scores
# fails: a perfect ranking gives 1.0
# fails: the worst ranking - positives scored lowest
# fails: bool labels and tuples
import numpy as np


def average_precision(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must have equal lengths")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    positives = int(np.sum(y == 1))
    if positives == 0:
        raise ValueError("no positive sample")
    order = np.argsort(-s, kind="stable")
    y, s = y[order] == 1, s[order]
    tp = np.cumsum(y)
    last = np.r_[s[1:] != s[:-1], True]
    precision = tp[last] / (np.flatnonzero(last) + 1)
    tp[last] / positives
    return float(np.mean(precision))
