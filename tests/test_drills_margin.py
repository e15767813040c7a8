"""The margin-loss generators (quizdl.drills.margin) against torch.

Logits are recomputed the way insightface's ArcFace head does it
(cos(theta + m) = cos(theta) cos(m) - sin(theta) sin(m) on normalised vectors),
losses with F.cross_entropy on a full logit vector, and the scale bound by
checking that a normalised softmax with C classes on a regular simplex reaches
exactly the target probability at that scale.
"""

from __future__ import annotations

import math

import pytest

from conftest import draws

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _grid(r, lo, hi, step=0.05):
    return round(lo + step * r.randint(0, round((hi - lo) / step)), 10)


def _logit_params(r):
    return {"cos_theta": _grid(r, -0.3, 0.95), "margin": r.choice([0.2, 0.3, 0.35, 0.4, 0.5]),
            "scale": r.choice([16, 30, 32, 64])}


def _unit_pair(cos_theta, dim=8, seed=0):
    """A normalised feature x and class weight w with <x, w> = cos_theta."""
    g = torch.Generator().manual_seed(seed)
    a, b = torch.randn(2, dim, dtype=torch.float64, generator=g)
    a = a / a.norm()
    b = b - (b @ a) * a
    b = b / b.norm()
    return a, cos_theta * a + math.sqrt(1 - cos_theta**2) * b


def test_arcface_logit_matches_insightface_formula():
    for i, (p, out) in enumerate(draws("arcface_logit", _logit_params)):
        x, w = _unit_pair(p["cos_theta"], seed=i)
        cos = F.normalize(x, dim=0) @ F.normalize(w, dim=0)
        sin = torch.sqrt(1 - cos**2)
        expected = p["scale"] * (cos * math.cos(p["margin"]) - sin * math.sin(p["margin"]))
        assert out["answer"] == pytest.approx(expected.item(), rel=1e-9, abs=1e-9)
        assert out["cosface"] == pytest.approx(p["scale"] * (cos.item() - p["margin"]), abs=1e-9)


def test_cosface_logit_matches_normalised_vectors():
    for i, (p, out) in enumerate(draws("cosface_logit", _logit_params)):
        x, w = _unit_pair(p["cos_theta"], seed=i)
        expected = p["scale"] * (F.cosine_similarity(x, w, dim=0) - p["margin"])
        assert out["answer"] == pytest.approx(expected.item(), rel=1e-9, abs=1e-9)


def _loss_params(r):
    return {"cos_y": _grid(r, 0.2, 0.9), "cos_other": _grid(r, -0.2, 0.5), "others": r.choice([1, 4, 9, 99]),
            "scale": r.choice([8, 16, 30, 64]), "margin": r.choice([0.2, 0.35, 0.5]),
            "loss": r.choice(["ArcFace", "CosFace"])}


def test_margin_loss_matches_cross_entropy_on_the_full_logit_vector():
    for p, out in draws("margin_loss_value", _loss_params):
        cos = torch.full((p["others"] + 1,), p["cos_other"], dtype=torch.float64)
        cos[0] = p["cos_y"]
        theta = torch.acos(cos)
        target = torch.zeros_like(cos, dtype=torch.bool)
        target[0] = True
        if p["loss"] == "ArcFace":
            adjusted = torch.where(target, torch.cos(theta + p["margin"]), cos)
        else:
            adjusted = cos - p["margin"] * target.double()
        expected = F.cross_entropy((p["scale"] * adjusted)[None], torch.tensor([0]))
        assert out["answer"] == pytest.approx(expected.item(), rel=1e-9)
        plain = F.cross_entropy((p["scale"] * cos)[None], torch.tensor([0]))
        assert out["no_margin"] == pytest.approx(plain.item(), rel=1e-9)
        assert out["prob"] == pytest.approx(F.softmax(p["scale"] * adjusted, dim=0)[0].item(), rel=1e-9)


def test_scale_bound_reaches_the_probability_on_a_simplex():
    for p, out in draws("normalized_scale_bound", lambda r: {
            "classes": r.choice([10, 20, 50, 100, 1000, 10000]), "prob": r.choice([0.9, 0.99, 0.999])}):
        c = p["classes"]
        cos = torch.full((c,), -1 / (c - 1), dtype=torch.float64)
        cos[0] = 1.0
        assert F.softmax(out["answer"] * cos, dim=0)[0].item() == pytest.approx(p["prob"], rel=1e-9)
        assert F.softmax((out["answer"] - 0.05) * cos, dim=0)[0].item() < p["prob"]


@pytest.mark.parametrize("name, make, keys, tolerance", [
    ("arcface_logit", _logit_params, ("cosface", "no_scale", "minus_angle"), 0.005),
    ("cosface_logit", _logit_params, ("margin_unscaled", "arcface", "no_scale"), 0.005),
    ("margin_loss_value", _loss_params, ("no_margin", "unscaled", "other_margin"), 0.0005),
    ("normalized_scale_bound", lambda r: {"classes": r.choice([10, 100, 1000]), "prob": r.choice([0.9, 0.99])},
     ("no_factor", "no_classes", "log10"), 0.005),
])
def test_no_listed_mistake_is_within_three_tolerances(name, make, keys, tolerance):
    for _, out in draws(name, make):
        for key in keys:
            assert abs(out[key] - out["answer"]) > 3 * tolerance, key
