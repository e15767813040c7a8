"""Classification metrics from a binary confusion matrix (TP, FP, FN, TN).

Each generator returns every metric, so a question can name the classic
confusions (precision for recall, the arithmetic mean for F1, ...) as mistakes.
The tests rebuild label arrays with exactly these counts and compute the
metrics from the arrays.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill


def _metrics(tp: int, fp: int, fn: int, tn: int) -> dict:
    if min(tp, fp, fn, tn) < 0 or tp + fp == 0 or tp + fn == 0 or tn + fp == 0 or tn + fn == 0:
        raise Redraw
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    if precision + recall == 0:
        raise Redraw
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "specificity": tn / (tn + fp),
        "accuracy": (tp + tn) / (tp + fp + fn + tn),
        "npv": tn / (tn + fn),
        "arithmetic_mean": (precision + recall) / 2,
        "fpr": fp / (fp + tn),
        "positives": tp + fn,
        "negatives": tn + fp,
        "predicted_positive": tp + fp,
        "predicted_negative": tn + fn,
        "total": tp + fp + fn + tn,
    }


@drill
def cm_precision(tp: int, fp: int, fn: int, tn: int) -> dict:
    """precision = TP / (TP + FP)."""
    values = _metrics(tp, fp, fn, tn)
    return {"answer": values["precision"], **values}


@drill
def cm_recall(tp: int, fp: int, fn: int, tn: int) -> dict:
    """recall = sensitivity = TPR = TP / (TP + FN)."""
    values = _metrics(tp, fp, fn, tn)
    return {"answer": values["recall"], **values}


@drill
def cm_f1(tp: int, fp: int, fn: int, tn: int) -> dict:
    """F1 = 2PR / (P + R) = 2TP / (2TP + FP + FN), the harmonic mean of precision and recall."""
    values = _metrics(tp, fp, fn, tn)
    return {"answer": values["f1"], **values}


@drill
def cm_specificity(tp: int, fp: int, fn: int, tn: int) -> dict:
    """specificity = TNR = TN / (TN + FP) = 1 - FPR."""
    values = _metrics(tp, fp, fn, tn)
    return {"answer": values["specificity"], **values}
