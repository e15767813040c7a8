"""Detection and ranking metrics: IoU of two boxes, interpolated AP, F-beta and ECE.

Boxes are (x1, y1, x2, y2) with x2 > x1, as torchvision.ops.box_iou takes them.
Each generator also returns the classic slips (IoU over the sum of areas,
uninterpolated AP, F-beta with beta not squared, unweighted ECE) so a question
can name them; tests recompute every answer from explicit arrays.
"""

from __future__ import annotations

from quizdl.drills.guards import require_clear_rounding, require_distinct
from quizdl.drills.registry import Redraw, drill

_TOL3 = 0.0005
"""Every drill here asks for 3 decimals."""


def _area(x1: float, y1: float, x2: float, y2: float) -> float:
    return max(0.0, x2 - x1) * max(0.0, y2 - y1)


@drill
def box_iou_pair(x1: int, y1: int, w1: int, h1: int, dx: int, dy: int, w2: int, h2: int) -> dict:
    """IoU of box A = (x1, y1, x1 + w1, y1 + h1) and box B, shifted by (dx, dy) from A's corner."""
    a = (x1, y1, x1 + w1, y1 + h1)
    b = (x1 + dx, y1 + dy, x1 + dx + w2, y1 + dy + h2)
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        raise Redraw  # disjoint boxes: IoU 0 teaches nothing
    inter = iw * ih
    area_a, area_b = _area(*a), _area(*b)
    union = area_a + area_b - inter
    answer = inter / union
    mistakes = {
        "over_sum": inter / (area_a + area_b),
        "over_min": inter / min(area_a, area_b),
        "over_a": inter / area_a,
    }
    require_distinct(answer, mistakes, _TOL3, tiny=0.02)
    require_clear_rounding(answer, 3)
    return {
        "answer": answer, "ax2": a[2], "ay2": a[3], "bx1": b[0], "by1": b[1], "bx2": b[2], "by2": b[3],
        "iw": iw, "ih": ih, "inter": inter, "area_a": area_a, "area_b": area_b, "union": union, **mistakes,
    }


def _ranked(pattern: int, detections: int) -> list[bool]:
    """Bit i (most significant first) says whether the i-th highest-scoring detection is a true positive."""
    return [bool(pattern >> (detections - 1 - i) & 1) for i in range(detections)]


def _interpolated_ap(precisions: list[float], recalls: list[float], levels: int) -> float:
    """Mean over `levels` evenly spaced recall levels r of max{precision at recall >= r} (0 if none)."""
    total = 0.0
    for step in range(levels):
        level = step / (levels - 1)
        reachable = [p for p, r in zip(precisions, recalls) if r >= level - 1e-12]
        total += max(reachable, default=0.0)
    return total / levels


@drill
def interpolated_ap(pattern: int, missed: int, points: int, detections: int = 8) -> dict:
    """AP of one class from a ranked list of detections, `points` = 11 (VOC2007) or 101 (COCO) recall levels.

    `pattern` marks the true positives in score order; `missed` ground truths are never
    detected, so recall stops at hits / (hits + missed).
    """
    ranked = _ranked(pattern, detections)
    hits = sum(ranked)
    if hits < 2 or hits == detections or points not in (11, 101):
        raise Redraw
    positives = hits + missed
    precisions, recalls, at_hits = [], [], []
    found = 0
    for rank, hit in enumerate(ranked, start=1):
        found += hit
        precisions.append(found / rank)
        recalls.append(found / positives)
        if hit:
            at_hits.append(found / rank)
    answer = _interpolated_ap(precisions, recalls, points)
    other = _interpolated_ap(precisions, recalls, 112 - points)
    mistakes = {
        "other_method": other,
        "uninterpolated": sum(at_hits) / positives,
        "found_only": sum(at_hits) / hits,
    }
    require_distinct(answer, mistakes, _TOL3, tiny=0.02)
    require_clear_rounding(answer, 3)
    return {
        "answer": answer,
        "sequence": " ".join("TP" if hit else "FP" for hit in ranked),
        "hits": hits,
        "positives": positives,
        "max_recall": hits / positives,
        "hit_precisions": ", ".join(f"{p:.3f}" for p in at_hits),
        **mistakes,
    }


@drill
def f_beta(tp: int, fp: int, fn: int, beta: float) -> dict:
    """F_beta = (1 + b^2) P R / (b^2 P + R): recall counts beta times as much as precision."""
    if tp < 1 or fp < 0 or fn < 0 or beta <= 0:
        raise Redraw
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    b2 = beta * beta

    def score(weight: float) -> float:
        return (1 + weight) * precision * recall / (weight * precision + recall)

    answer = score(b2)
    mistakes = {"f1": score(1.0), "inverted": score(1 / b2), "not_squared": score(beta)}
    require_distinct(answer, mistakes, _TOL3, tiny=0.02)
    require_clear_rounding(answer, 3)
    return {"answer": answer, "precision": precision, "recall": recall, "beta2": b2, **mistakes}


@drill
def ece_three_bins(n1: int, n2: int, n3: int, conf1: float, conf2: float, conf3: float,
                   acc1: float, acc2: float, acc3: float) -> dict:
    """ECE = sum_b (n_b / N) |acc_b - conf_b| over three non-empty confidence bins."""
    counts, confs, accs = (n1, n2, n3), (conf1, conf2, conf3), (acc1, acc2, acc3)
    if min(counts) < 1 or any(not 0 <= a <= 1 for a in accs):
        raise Redraw
    total = sum(counts)
    gaps = [abs(a - c) for a, c in zip(accs, confs)]
    answer = sum(n / total * g for n, g in zip(counts, gaps))
    mistakes = {
        "unweighted": sum(gaps) / 3,
        "signed": abs(sum(n / total * (a - c) for n, a, c in zip(counts, accs, confs))),
        "max_gap": max(gaps),
    }
    require_distinct(answer, mistakes, _TOL3, tiny=0.02)
    require_clear_rounding(answer, 3)
    return {
        "answer": answer, "total": total,
        "gap1": gaps[0], "gap2": gaps[1], "gap3": gaps[2],
        "w1": n1 / total, "w2": n2 / total, "w3": n3 / total,
        **mistakes,
    }
