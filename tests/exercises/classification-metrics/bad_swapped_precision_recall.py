# precision divides by the actual positives and recall by the predicted ones
# fails: lists of ints - precision 4/5, recall 4/6, specificity 3/4
# fails: tuples - one confident hit (precision 1, recall 1/4)
# fails: numpy int arrays of 200 labels
# fails: numpy bool arrays
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
    t, p = t.astype(bool), p.astype(bool)
    tp, fp = int(np.sum(t & p)), int(np.sum(~t & p))
    tn, fn = int(np.sum(~t & ~p)), int(np.sum(t & ~p))
    precision = ratio(tp, tp + fn)
    recall = ratio(tp, tp + fp)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"accuracy": (tp + tn) / len(t), "precision": precision, "recall": recall, "f1": f1,
            "specificity": ratio(tn, tn + fp)}
