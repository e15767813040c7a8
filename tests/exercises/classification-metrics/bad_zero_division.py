# no guard for empty denominators: 0 / 0 raises ZeroDivisionError
# fails: nothing predicted positive - precision 0/0 is 0.0
# fails: no positive label - recall 0/0 is 0.0
# fails: all negative, all predicted negative - accuracy and specificity 1.0, the rest 0.0
# fails: all positive, all predicted positive - specificity 0/0 is 0.0
# fails: every prediction wrong - f1 is 0.0 when precision + recall is 0
import numpy as np


def ratio(a, b):
    return a / b


def classification_metrics(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if len(t) != len(p):
        raise ValueError("lengths differ")
    if len(t) == 0:
        raise ValueError("empty input")
    if not (np.isin(t, [0, 1]).all() and np.isin(p, [0, 1]).all()):
        raise ValueError("labels must be 0 or 1")
    t, p = t.astype(bool), p.astype(bool)
    tp, fp = int(np.sum(t & p)), int(np.sum(~t & p))
    tn, fn = int(np.sum(~t & ~p)), int(np.sum(t & ~p))
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"accuracy": (tp + tn) / len(t), "precision": precision, "recall": recall, "f1": f1,
            "specificity": ratio(tn, tn + fp)}
