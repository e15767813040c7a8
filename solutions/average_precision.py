"""Reference: average precision as sklearn defines it, sum_n (R_n - R_{n-1}) P_n over distinct thresholds."""

import numpy as np


def average_precision(y_true, scores) -> float:
    y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=np.float64)
    if y_true.ndim != 1 or y_true.shape != scores.shape:
        raise ValueError(f"y_true and scores must be 1-D of equal length, got {y_true.shape} and {scores.shape}")
    if not np.isin(y_true, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    positives = int(np.sum(y_true == 1))
    if positives == 0:
        raise ValueError("y_true has no positive sample: average precision is undefined")

    order = np.argsort(-scores, kind="stable")
    y, s = (y_true[order] == 1), scores[order]
    tp = np.cumsum(y)
    predicted = np.arange(1, len(y) + 1)
    last_of_each_score = np.r_[s[1:] != s[:-1], True]  # a threshold takes every tied sample at once
    tp, predicted = tp[last_of_each_score], predicted[last_of_each_score]
    precision = tp / predicted
    recall = tp / positives
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))
