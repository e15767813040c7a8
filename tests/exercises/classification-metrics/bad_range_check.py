# validates labels with min() < 0 or max() > 1: a 0.5 lies in range and passes
# fails: a label 0.5 raises ValueError
import numpy as np


def ratio(a, b):
    return a / b if b else 0.0


def classification_metrics(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if len(t) != len(p):
        raise ValueError("lengths differ")
    if len(t) == 0:
        raise ValueError("empty input")
    for labels in (t, p):
        if labels.min() < 0 or labels.max() > 1:
            raise ValueError("labels must be 0 or 1")
    t, p = t.astype(bool), p.astype(bool)
    tp, fp = int(np.sum(t & p)), int(np.sum(~t & p))
    tn, fn = int(np.sum(~t & ~p)), int(np.sum(t & ~p))
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"accuracy": (tp + tn) / len(t), "precision": precision, "recall": recall, "f1": f1,
            "specificity": ratio(tn, tn + fp)}
