# leaves the length check to numpy: 4 labels against 1 prediction broadcast silently
# fails: a y_pred of length 1 does not broadcast - ValueError
import numpy as np


def ratio(a, b):
    return a / b if b else 0.0


def classification_metrics(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.size == 0 or p.size == 0:
        raise ValueError("empty input")
    if not (np.isin(t, [0, 1]).all() and np.isin(p, [0, 1]).all()):
        raise ValueError("labels must be 0 or 1")
    t, p = np.broadcast_arrays(t.astype(bool), p.astype(bool))
    tp, fp = int(np.sum(t & p)), int(np.sum(~t & p))
    tn, fn = int(np.sum(~t & ~p)), int(np.sum(t & ~p))
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"accuracy": (tp + tn) / t.size, "precision": precision, "recall": recall, "f1": f1,
            "specificity": ratio(tn, tn + fp)}
