"""The confusion-matrix generators against metrics computed from explicit label arrays."""

import random

import pytest

from quizdl.drills import registry

torch = pytest.importorskip("torch")

DRAWS = 300


def _labels(tp, fp, fn, tn, rng):
    """Shuffled (y_true, y_pred) arrays holding exactly these counts."""
    pairs = [(1, 1)] * tp + [(0, 1)] * fp + [(1, 0)] * fn + [(0, 0)] * tn
    rng.shuffle(pairs)
    y_true = torch.tensor([t for t, _ in pairs])
    y_pred = torch.tensor([p for _, p in pairs])
    return y_true, y_pred


def _from_arrays(y_true, y_pred):
    hit = (y_pred == 1) & (y_true == 1)
    precision = hit.sum().item() / (y_pred == 1).sum().item()
    recall = hit.sum().item() / (y_true == 1).sum().item()
    specificity = ((y_pred == 0) & (y_true == 0)).sum().item() / (y_true == 0).sum().item()
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 / (1 / precision + 1 / recall),  # the harmonic mean, as the notes write it
        "specificity": specificity,
        "accuracy": (y_true == y_pred).double().mean().item(),
        "fpr": ((y_pred == 1) & (y_true == 0)).sum().item() / (y_true == 0).sum().item(),
    }


@pytest.mark.parametrize("name, metric", [("cm_precision", "precision"), ("cm_recall", "recall"), ("cm_f1", "f1"), ("cm_specificity", "specificity")])
def test_metric_matches_label_arrays(name, metric):
    rng = random.Random(name)
    checked = 0
    for _ in range(DRAWS):
        tp, fp, fn, tn = (rng.randint(1, 120) for _ in range(4))
        expected = _from_arrays(*_labels(tp, fp, fn, tn, rng))
        out = registry.run(name, dict(tp=tp, fp=fp, fn=fn, tn=tn))
        assert out["answer"] == pytest.approx(expected[metric], rel=1e-12)
        for other in ("precision", "recall", "f1", "specificity", "accuracy", "fpr"):
            assert out[other] == pytest.approx(expected[other], rel=1e-12)
        assert out["specificity"] == pytest.approx(1 - out["fpr"])
        checked += 1
    assert checked == DRAWS


def test_empty_denominators_are_redrawn():
    with pytest.raises(registry.Redraw):
        registry.run("cm_precision", dict(tp=0, fp=0, fn=3, tn=5))
    with pytest.raises(registry.Redraw):
        registry.run("cm_f1", dict(tp=0, fp=2, fn=3, tn=5))
