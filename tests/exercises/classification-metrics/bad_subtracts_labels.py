# finds false positives by y_pred - y_true == 1: numpy cannot subtract booleans
# fails: numpy bool arrays
# fails: a list and a tuple of bools
import numpy as np


def ratio(a, b):
    return a / b if b else 0.0


def classification_metrics(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if len(t) != len(p):
        raise ValueError("lengths differ")
    if len(t) == 0:
        raise ValueError("empty input")
    if not (np.isin(t, [0, 1]).all() and np.isin(p, [0, 1]).all()):
        raise ValueError("labels must be 0 or 1")
    tp = int(np.sum(t * p))
    fp = int(np.sum(p - t == 1))
    fn = int(np.sum(t - p == 1))
    tn = len(t) - tp - fp - fn
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"accuracy": (tp + tn) / len(t), "precision": precision, "recall": recall, "f1": f1,
            "specificity": ratio(tn, tn + fp)}
