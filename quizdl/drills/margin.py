"""Normalised-softmax margin losses: CosFace and ArcFace logits, their loss, and the scale bound.

With weights and features L2-normalised the target logit is s cos(theta); CosFace
uses s (cos(theta) - m), ArcFace s cos(theta + m). Angles are in radians, as the
papers and insightface write m (ArcFace: m = 0.5, s = 64; CosFace: m = 0.35, s = 64).
"""

from __future__ import annotations

import math

from quizdl.drills.guards import require_clear_rounding, require_distinct
from quizdl.drills.registry import Redraw, drill

_TOL2 = 0.005
_TOL3 = 0.0005


def _target(cos_theta: float, margin: float, loss: str) -> float:
    """The margin-adjusted target cosine, before the scale."""
    if loss == "ArcFace":
        return math.cos(math.acos(cos_theta) + margin)
    if loss == "CosFace":
        return cos_theta - margin
    raise Redraw


def _check_cos(cos_theta: float, margin: float) -> None:
    if not -1 < cos_theta < 1 or math.acos(cos_theta) + margin >= math.pi:
        raise Redraw  # beyond pi, cos(theta + m) stops decreasing (insightface falls back to CosFace there)


@drill
def arcface_logit(cos_theta: float, margin: float, scale: float) -> dict:
    """ArcFace's target logit s cos(theta + m), theta = arccos of the normalised feature-weight product."""
    _check_cos(cos_theta, margin)
    theta = math.acos(cos_theta)
    answer = scale * math.cos(theta + margin)
    mistakes = {
        "cosface": scale * (cos_theta - margin),
        "no_scale": math.cos(theta + margin),
        "minus_angle": scale * math.cos(theta - margin),
    }
    require_distinct(answer, mistakes, _TOL2, tiny=0.05)
    require_clear_rounding(answer, 2)
    return {"answer": answer, "theta": theta, "theta_deg": math.degrees(theta), "margin_deg": math.degrees(margin),
            "shifted": theta + margin, "shifted_cos": math.cos(theta + margin), **mistakes}


@drill
def cosface_logit(cos_theta: float, margin: float, scale: float) -> dict:
    """CosFace's (LMCL's) target logit s (cos(theta) - m)."""
    _check_cos(cos_theta, margin)
    answer = scale * (cos_theta - margin)
    mistakes = {
        "margin_unscaled": scale * cos_theta - margin,
        "arcface": scale * math.cos(math.acos(cos_theta) + margin),
        "no_scale": cos_theta - margin,
    }
    require_distinct(answer, mistakes, _TOL2, tiny=0.05)
    require_clear_rounding(answer, 2)
    return {"answer": answer, "shifted_cos": cos_theta - margin, **mistakes}


def _ce(target_logit: float, other_logit: float, others: int) -> tuple[float, float]:
    """Cross-entropy and target probability for one target logit against `others` equal logits (log-sum-exp)."""
    top = max(target_logit, other_logit)
    log_z = top + math.log(math.exp(target_logit - top) + others * math.exp(other_logit - top))
    loss = log_z - target_logit
    return loss, math.exp(-loss)


@drill
def margin_loss_value(cos_y: float, cos_other: float, others: int, scale: float, margin: float, loss: str) -> dict:
    """The loss -log softmax of the margin-adjusted target logit; every other class has cosine cos_other.

    The margin touches the target logit only; the others stay s cos(theta_j).
    """
    _check_cos(cos_y, margin)
    if others < 1 or not -1 < cos_other < 1:
        raise Redraw
    target = _target(cos_y, margin, loss)
    answer, prob = _ce(scale * target, scale * cos_other, others)
    other_loss = "CosFace" if loss == "ArcFace" else "ArcFace"
    mistakes = {
        "no_margin": _ce(scale * cos_y, scale * cos_other, others)[0],
        "unscaled": _ce(target, cos_other, others)[0],
        "other_margin": _ce(scale * _target(cos_y, margin, other_loss), scale * cos_other, others)[0],
    }
    require_distinct(answer, mistakes, _TOL3, tiny=0.02)
    require_clear_rounding(answer, 3)
    return {"answer": answer, "prob": prob, "target": target, "target_logit": scale * target,
            "other_logit": scale * cos_other, "classes": others + 1, **mistakes}


@drill
def normalized_scale_bound(classes: int, prob: float) -> dict:
    """The smallest scale s at which a normalised softmax can reach target probability `prob` with C classes.

    CosFace (eq. 6), after NormFace: the best case puts the C class weights on a regular simplex,
    cos(theta_y) = 1 and cos(theta_j) = -1/(C-1), so p = e^s / (e^s + (C-1) e^{-s/(C-1)}), giving
    s >= (C-1)/C * ln((C-1) p / (1-p)).
    """
    if classes < 2 or not 0 < prob < 1:
        raise Redraw
    inner = (classes - 1) * prob / (1 - prob)
    if inner <= 1:
        raise Redraw
    factor = (classes - 1) / classes
    answer = factor * math.log(inner)
    mistakes = {
        "no_factor": math.log(inner),
        "no_classes": factor * math.log(prob / (1 - prob)),
        "log10": factor * math.log10(inner),
    }
    require_distinct(answer, mistakes, _TOL2, tiny=0.05)
    require_clear_rounding(answer, 2)
    return {"answer": answer, "factor": factor, "inner": inner, "log_inner": math.log(inner), **mistakes}
