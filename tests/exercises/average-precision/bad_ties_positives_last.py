# breaks ties "conservatively" by putting negatives before positives (lexsort on (label, -score)) and then
# takes the samples one at a time: tied positives get a lower precision than sklearn gives them
# fails: tied scores enter together at one threshold
# fails: all scores equal - AP is the fraction of positives
# fails: tied groups mixing positives and negatives, in either order within the ties
# fails: 40 samples with tied float scores; bool labels with float32 scores
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
    order = np.lexsort((y, -s))
    hit = y[order] == 1
    precision_at = np.cumsum(hit) / np.arange(1, len(hit) + 1)
    return float(precision_at[hit].sum() / positives)
