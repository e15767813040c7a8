# plain Python with zip and no length check: zip stops at the shorter input, so unequal lengths go unnoticed
# fails: unequal lengths raise ValueError
# fails: scores longer than y_true raise ValueError
def average_precision(y_true, scores):
    pairs = sorted(zip(scores, y_true), key=lambda pair: -pair[0])
    if any(label not in (0, 1) for _, label in pairs):
        raise ValueError("labels must be 0 or 1")
    positives = sum(1 for _, label in pairs if label == 1)
    if positives == 0:
        raise ValueError("no positive sample")
    ap = recall_before = 0.0
    tp = 0
    for i, (score, label) in enumerate(pairs):
        tp += label == 1
        if i + 1 == len(pairs) or pairs[i + 1][0] != score:
            recall = tp / positives
            ap += (recall - recall_before) * tp / (i + 1)
            recall_before = recall
    return ap
