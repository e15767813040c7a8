"""The detection-metric generators (quizdl.drills.detection) against independent computations.

IoU: rasterise both integer boxes on a pixel grid and count pixels, and the
torch formula torchvision.ops.box_iou uses (torchvision itself when installed).
AP: precision/recall arrays in numpy with COCO's own interpolation
(np.maximum.accumulate from the right, np.searchsorted on the recall levels);
the uninterpolated slip equals scikit-learn's average_precision_score when no
ground truth is missed. F-beta and ECE: scikit-learn and per-sample arrays.
"""

from __future__ import annotations

from bisect import bisect_left
from fractions import Fraction

import pytest

from conftest import draws

torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")
metrics = pytest.importorskip("sklearn.metrics")


def _box_params(r):
    return {"x1": r.randint(0, 10), "y1": r.randint(0, 10), "w1": r.randint(3, 12), "h1": r.randint(3, 12),
            "dx": r.randint(-8, 10), "dy": r.randint(-8, 10), "w2": r.randint(3, 12), "h2": r.randint(3, 12)}


def _torch_box_iou(a, b):
    try:
        from torchvision.ops import box_iou
    except ImportError:
        lt = torch.max(a[:, None, :2], b[None, :, :2])
        rb = torch.min(a[:, None, 2:], b[None, :, 2:])
        inter = (rb - lt).clamp(min=0).prod(dim=2)
        area = lambda boxes: (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
        return inter / (area(a)[:, None] + area(b)[None, :] - inter)
    return box_iou(a, b)


def test_box_iou_matches_pixel_counts_and_torch():
    for p, out in draws("box_iou_pair", _box_params):
        grid_a = np.zeros((40, 40), bool)
        grid_b = np.zeros((40, 40), bool)
        grid_a[p["y1"] + 10:p["y1"] + 10 + p["h1"], p["x1"] + 10:p["x1"] + 10 + p["w1"]] = True
        bx, by = p["x1"] + p["dx"] + 10, p["y1"] + p["dy"] + 10
        grid_b[by:by + p["h2"], bx:bx + p["w2"]] = True
        pixels = (grid_a & grid_b).sum() / (grid_a | grid_b).sum()
        boxes = torch.tensor([[p["x1"], p["y1"], out["ax2"], out["ay2"]]], dtype=torch.float64)
        others = torch.tensor([[out["bx1"], out["by1"], out["bx2"], out["by2"]]], dtype=torch.float64)
        assert out["answer"] == pytest.approx(pixels, rel=1e-12)
        assert out["answer"] == pytest.approx(_torch_box_iou(boxes, others).item(), rel=1e-12)
        assert out["over_sum"] == pytest.approx((grid_a & grid_b).sum() / (grid_a.sum() + grid_b.sum()))


def _coco_style_ap(hits, positives, levels):
    """pycocotools' interpolation: precision made monotone from the right, read at each recall level.

    Recalls and levels are exact fractions: np.linspace(0, 1, 11)[3] is 0.30000000000000004, which
    would skip a recall of exactly 3/10 (pycocotools has that quirk; the definition is recall >= r).
    """
    tp = np.cumsum(hits)
    precision = np.maximum.accumulate((tp / np.arange(1, len(hits) + 1))[::-1])[::-1]
    recall = [Fraction(int(t), int(positives)) for t in tp]
    read = [bisect_left(recall, Fraction(k, levels - 1)) for k in range(levels)]
    return np.array([precision[i] if i < len(precision) else 0.0 for i in read]).mean()


def _ap_params(r):
    return {"pattern": r.randint(1, 255), "missed": r.randint(0, 3), "points": r.choice([11, 101])}


def test_interpolated_ap_matches_coco_interpolation():
    for p, out in draws("interpolated_ap", _ap_params):
        hits = np.array([int(bit) for bit in format(p["pattern"], "08b")])
        positives = hits.sum() + p["missed"]
        levels = p["points"]
        assert out["answer"] == pytest.approx(_coco_style_ap(hits, positives, levels), rel=1e-12)
        assert out["other_method"] == pytest.approx(_coco_style_ap(hits, positives, 112 - levels), rel=1e-12)
        assert out["sequence"].split() == ["TP" if h else "FP" for h in hits]


def test_uninterpolated_ap_is_sklearns_when_nothing_is_missed():
    for p, out in draws("interpolated_ap", lambda r: {**_ap_params(r), "missed": 0}, count=100):
        hits = np.array([int(bit) for bit in format(p["pattern"], "08b")])
        scores = np.linspace(1.0, 0.1, len(hits))
        assert out["uninterpolated"] == pytest.approx(metrics.average_precision_score(hits, scores), rel=1e-12)


def test_f_beta_matches_sklearn():
    for p, out in draws("f_beta", lambda r: {"tp": r.randint(1, 60), "fp": r.randint(0, 60),
                                              "fn": r.randint(0, 60), "beta": r.choice([0.5, 2, 3])}):
        y_true = [1] * p["tp"] + [0] * p["fp"] + [1] * p["fn"]
        y_pred = [1] * p["tp"] + [1] * p["fp"] + [0] * p["fn"]
        assert out["answer"] == pytest.approx(metrics.fbeta_score(y_true, y_pred, beta=p["beta"]), rel=1e-12)
        assert out["f1"] == pytest.approx(metrics.f1_score(y_true, y_pred), rel=1e-12)
        assert out["inverted"] == pytest.approx(metrics.fbeta_score(y_true, y_pred, beta=1 / p["beta"]), rel=1e-12)


def _ece_params(r):
    return {"n1": r.choice([20, 40, 60]), "n2": r.choice([20, 40, 60, 80]), "n3": r.choice([40, 80, 100]),
            "conf1": r.choice([0.55, 0.65]), "conf2": r.choice([0.75, 0.85]), "conf3": r.choice([0.92, 0.95, 0.98]),
            "acc1": round(r.randint(6, 18) * 0.05, 2), "acc2": round(r.randint(8, 20) * 0.05, 2),
            "acc3": round(r.randint(12, 20) * 0.05, 2)}


def test_ece_matches_ten_equal_bins_over_samples():
    """Per-sample confidences and correctness, binned into [0, 0.1), ..., [0.9, 1] as Guo et al. do."""
    for p, out in draws("ece_three_bins", _ece_params):
        conf, correct = [], []
        for b in (1, 2, 3):
            n, right = p[f"n{b}"], round(p[f"acc{b}"] * p[f"n{b}"])
            conf += [p[f"conf{b}"]] * n
            correct += [1] * right + [0] * (n - right)
        conf, correct = torch.tensor(conf, dtype=torch.float64), torch.tensor(correct, dtype=torch.float64)
        bins = torch.clamp((conf * 10).long(), max=9)
        ece = sum((bins == b).double().mean() * (correct[bins == b].mean() - conf[bins == b].mean()).abs()
                  for b in range(10) if (bins == b).any())
        assert out["answer"] == pytest.approx(float(ece), rel=1e-9)


@pytest.mark.parametrize("name, make", [
    ("box_iou_pair", _box_params), ("interpolated_ap", _ap_params), ("ece_three_bins", _ece_params),
    ("f_beta", lambda r: {"tp": r.randint(1, 60), "fp": r.randint(0, 60), "fn": r.randint(0, 60),
                          "beta": r.choice([0.5, 2, 3])}),
])
def test_no_listed_mistake_is_within_three_tolerances(name, make):
    keys = {"box_iou_pair": ("over_sum", "over_min", "over_a"),
            "interpolated_ap": ("other_method", "uninterpolated", "found_only"),
            "f_beta": ("f1", "inverted", "not_squared"),
            "ece_three_bins": ("unweighted", "signed", "max_gap")}[name]
    for _, out in draws(name, make):
        assert abs(out["answer"]) >= 0.02
        for key in keys:
            assert abs(out[key] - out["answer"]) > 3 * 0.0005, key
