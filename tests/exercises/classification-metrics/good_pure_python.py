# plain Python counting, f1 as 2TP / (2TP + FP + FN)
def classification_metrics(y_true, y_pred):
    y_true, y_pred = list(y_true), list(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    if not y_true:
        raise ValueError("empty")
    if any(v not in (0, 1) for v in y_true + y_pred):
        raise ValueError("labels must be 0 or 1")
    tp = fp = tn = fn = 0
    for t, p in zip(y_true, y_pred):
        if t and p:
            tp += 1
        elif p:
            fp += 1
        elif t:
            fn += 1
        else:
            tn += 1

    def div(a, b):
        return a / b if b else 0.0

    return {
        "accuracy": div(tp + tn, len(y_true)),
        "precision": div(tp, tp + fp),
        "recall": div(tp, tp + fn),
        "f1": div(2 * tp, 2 * tp + fp + fn),
        "specificity": div(tn, tn + fp),
    }
