# no input checks: zip-like counting ignores extra labels, and empty input is 0 / 0
# fails: unequal lengths raise ValueError
# fails: empty input raises ValueError
# fails: a label 2 in y_true raises ValueError
# fails: a label -1 in y_pred raises ValueError
import numpy as np


def ratio(a, b):
    return a / b if b else 0.0


def classification_metrics(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    n = min(len(t), len(p))
    t, p = t[:n], p[:n]
    t, p = t.astype(bool), p.astype(bool)
    tp, fp = int(np.sum(t & p)), int(np.sum(~t & p))
    tn, fn = int(np.sum(~t & ~p)), int(np.sum(t & ~p))
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"accuracy": (tp + tn) / n, "precision": precision, "recall": recall, "f1": f1,
            "specificity": ratio(tn, tn + fp)}
