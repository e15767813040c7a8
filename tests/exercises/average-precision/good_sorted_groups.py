# plain Python: sort pairs by score, walk the runs of equal scores, add the step at the end of each run
def average_precision(y_true, scores):
    y_true, scores = list(y_true), list(scores)
    if len(y_true) != len(scores):
        raise ValueError("lengths differ")
    if any(label not in (0, 1) for label in y_true):
        raise ValueError("labels must be 0 or 1")
    positives = sum(1 for label in y_true if label == 1)
    if positives == 0:
        raise ValueError("average precision needs at least one positive")
    pairs = sorted(zip(scores, y_true), key=lambda pair: -pair[0])
    ap = recall_before = 0.0
    tp = 0
    for i, (score, label) in enumerate(pairs):
        tp += label == 1
        if i + 1 == len(pairs) or pairs[i + 1][0] != score:
            recall = tp / positives
            ap += (recall - recall_before) * tp / (i + 1)
            recall_before = recall
    return ap
