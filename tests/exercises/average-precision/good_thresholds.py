# straight from the definition: one pass over the distinct thresholds, precision and recall by masks
import numpy as np


def average_precision(y_true, scores):
    y = np.array(y_true)
    s = np.array(scores, dtype=float)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError("y_true and scores must have the same length")
    if np.any((y != 0) & (y != 1)):
        raise ValueError("labels must be 0 or 1")
    positives = np.count_nonzero(y)
    if positives == 0:
        raise ValueError("no positive sample")
    ap, previous_recall = 0.0, 0.0
    for t in np.unique(s)[::-1]:
        predicted = s >= t
        tp = np.count_nonzero(predicted & (y == 1))
        recall = tp / positives
        ap += (recall - previous_recall) * tp / np.count_nonzero(predicted)
        previous_recall = recall
    return float(ap)
