# a 2x2 confusion matrix from np.add.at, numpy floats (np.float64 is a float)
import numpy as np


def classification_metrics(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.shape != p.shape or t.ndim != 1:
        raise ValueError("y_true and y_pred must have equal lengths")
    if t.size == 0:
        raise ValueError("no samples")
    if np.setdiff1d(np.concatenate([t.ravel(), p.ravel()]), [0, 1]).size:
        raise ValueError("labels must be 0 or 1")
    cm = np.zeros((2, 2), dtype=np.int64)
    np.add.at(cm, (t.astype(int), p.astype(int)), 1)
    (tn, fp), (fn, tp) = cm
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.float64(tp) / (tp + fp) if tp + fp else 0.0
        recall = np.float64(tp) / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        specificity = np.float64(tn) / (tn + fp) if tn + fp else 0.0
    return {"accuracy": np.float64(tp + tn) / t.size, "precision": precision, "recall": recall,
            "f1": f1, "specificity": specificity}
