"""Label smoothing: q = (1 - eps) * one_hot + eps / K, as in Szegedy et al. (2016) and
torch.nn.functional.cross_entropy(label_smoothing=eps).
"""

from __future__ import annotations

import math

from quizdl.drills.registry import Redraw, drill


def _check(eps: float, k: int) -> None:
    if not 0 < eps < 1 or k < 2:
        raise Redraw


@drill
def label_smoothing_true_target(eps: float, k: int) -> dict:
    """The smoothed target of the true class: 1 - eps + eps / K."""
    _check(eps, k)
    return {
        "answer": 1 - eps + eps / k,
        "share": eps / k,
        "no_share": 1 - eps,
        "one": 1.0,
    }


@drill
def label_smoothing_other_target(eps: float, k: int) -> dict:
    """The smoothed target of each wrong class: eps / K (the uniform part's share)."""
    _check(eps, k)
    return {
        "answer": eps / k,
        "true_target": 1 - eps + eps / k,
        "over_k_minus_1": eps / (k - 1),
        "eps_total": eps,
    }


@drill
def label_smoothed_ce(eps: float, k: int, p: float) -> dict:
    """Cross-entropy against the smoothed target when the model puts probability p on the true class
    and spreads 1 - p evenly over the K - 1 others."""
    _check(eps, k)
    if not 0 < p < 1:
        raise Redraw
    q_true, q_other = 1 - eps + eps / k, eps / k
    p_other = (1 - p) / (k - 1)
    true_term = -q_true * math.log(p)
    other_terms = -(k - 1) * q_other * math.log(p_other)
    answer = true_term + other_terms
    hard = -math.log(p)
    if abs(hard - answer) < 2e-3:
        raise Redraw
    return {
        "answer": answer,
        "others": k - 1,
        "q_true": q_true,
        "q_other": q_other,
        "p_other": p_other,
        "true_term": true_term,
        "other_terms": other_terms,
        "hard_ce": hard,
        "true_term_only": true_term,
    }


@drill
def label_smoothing_min_ce(eps: float, k: int) -> dict:
    """The lowest smoothed cross-entropy any prediction can reach: the entropy of the target q (reached at p = q)."""
    _check(eps, k)
    q_true, q_other = 1 - eps + eps / k, eps / k
    answer = -q_true * math.log(q_true) - (k - 1) * q_other * math.log(q_other)
    return {
        "answer": answer,
        "others": k - 1,
        "q_true": q_true,
        "q_other": q_other,
        "zero": 0.0,
        "only_true_term": -q_true * math.log(q_true),
    }


@drill
def label_smoothing_logit_gap(eps: float, k: int) -> dict:
    """At the optimum softmax(z) = q, so the true logit exceeds every other by ln(q_true / q_other) = ln(1 + K (1 - eps) / eps)."""
    _check(eps, k)
    q_true, q_other = 1 - eps + eps / k, eps / k
    ratio = q_true / q_other
    return {
        "answer": math.log(ratio),
        "q_true": q_true,
        "q_other": q_other,
        "ratio": ratio,
        "log10_ratio": math.log10(ratio),
    }
