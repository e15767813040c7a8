"""Sigmoid, softmax, temperature softmax, knowledge-distillation losses and L-Softmax logits.

Pure Python (math only): the tests compare each generator with torch
(torch.softmax, torch.sigmoid with autograd, F.cross_entropy, F.kl_div).
"""

from __future__ import annotations

import math

from quizdl.drills.guards import require_distinct
from quizdl.drills.registry import Redraw, drill


def _softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _pick(index: int, count: int) -> int:
    """A 1-based component number as a 0-based index; Redraw when out of range."""
    if not 1 <= index <= count:
        raise Redraw
    return index - 1


@drill
def softmax_component(x1: float, x2: float, x3: float, index: int, offset: float = 0) -> dict:
    """Component `index` (1-based) of softmax([x1, x2, x3] + offset).

    `offset` shifts every logit by the same amount (v1..v3 are the shown values);
    the answer does not change, which is why subtracting the max is safe.
    Mistakes: sigmoid of the one logit, and a denominator that leaves the
    component itself out.
    """
    i = _pick(index, 3)
    logits = [x1, x2, x3]
    shown = [x + offset for x in logits]
    probs = _softmax(logits)
    others = sum(math.exp(x - logits[i]) for j, x in enumerate(logits) if j != i)
    return {
        "answer": probs[i],
        "v1": shown[0],
        "v2": shown[1],
        "v3": shown[2],
        "vmax": max(shown),
        "s1": logits[0] - max(logits),
        "s2": logits[1] - max(logits),
        "s3": logits[2] - max(logits),
        "p1": probs[0],
        "p2": probs[1],
        "p3": probs[2],
        "sigmoid_instead": _sigmoid(logits[i]),
        "exclude_self": 1.0 / others,
    }


_KD_TOLERANCE = 0.0006
"""The distillation drills ask for 3 decimals and accept +-0.0006 (a correctly rounded answer and no more)."""


def _distinct_kd(outputs: dict, mistakes: tuple[str, ...]) -> dict:
    """`outputs`, unless the answer is too small to tell apart from 0 at 3 decimals (below 0.02), or a classic
    mistake lies within 3x the tolerance (rounded to 3 decimals, it could be accepted): then Redraw."""
    require_distinct(outputs["answer"], {key: outputs[key] for key in mistakes}, _KD_TOLERANCE, tiny=0.02)
    return outputs


@drill
def temperature_softmax(z1: float, z2: float, z3: float, temperature: float, index: int) -> dict:
    """Component `index` of softmax(z / T), as used for soft targets in distillation.

    Mistakes: the plain softmax (T = 1) and multiplying by T instead of dividing.
    """
    if temperature <= 0:
        raise Redraw
    i = _pick(index, 3)
    logits = [z1, z2, z3]
    soft = _softmax([z / temperature for z in logits])
    return _distinct_kd({
        "answer": soft[i],
        "q1": soft[0],
        "q2": soft[1],
        "q3": soft[2],
        "at_t1": _softmax(logits)[i],
        "multiplied": _softmax([z * temperature for z in logits])[i],
    }, ("at_t1", "multiplied"))


@drill
def sigmoid_derivative(x: float) -> dict:
    """sigma'(x) = sigma(x)(1 - sigma(x)).

    Mistakes: the notes' misprint sigma(x)(x - sigma(x)), and sigma(x) itself.
    """
    s = _sigmoid(x)
    return {
        "answer": s * (1 - s),
        "s": s,
        "one_minus_s": 1 - s,
        "notes_formula": s * (x - s),
        "sigmoid_value": s,
    }


@drill
def softmax_ce_grad(z1: float, z2: float, z3: float, label: int, index: int) -> dict:
    """d CE(softmax(z), label) / d z_index = p_index - y_index (label and index 1-based).

    Mistakes: p alone (forgetting the one-hot y; listed only at the label, where y is 1) and y - p
    (the sign flipped).
    """
    i = _pick(index, 3)
    y = _pick(label, 3)
    probs = _softmax([z1, z2, z3])
    target = 1.0 if i == y else 0.0
    return {
        "answer": probs[i] - target,
        "p": probs[i],
        "y": target,
        "prob_only": probs[i] if target else None,
        "flipped": target - probs[i],
    }


def _kd(teacher: list[float], student: list[float], temperature: float) -> tuple[list[float], list[float], float]:
    if temperature <= 0:
        raise Redraw
    p = _softmax([t / temperature for t in teacher])
    q = _softmax([s / temperature for s in student])
    kl = sum(pi * math.log(pi / qi) for pi, qi in zip(p, q))
    return p, q, kl


@drill
def kd_soft_loss(t1: float, t2: float, t3: float, s1: float, s2: float, s3: float, temperature: float) -> dict:
    """The soft-target term of distillation: T^2 * KL(p_T || q_T), natural log.

    p_T = softmax(teacher / T), q_T = softmax(student / T). Mistakes: the KL
    without the T^2 factor, and the KL at T = 1.
    """
    p, q, kl = _kd([t1, t2, t3], [s1, s2, s3], temperature)
    _, _, kl_t1 = _kd([t1, t2, t3], [s1, s2, s3], 1.0)
    return _distinct_kd({
        "answer": temperature**2 * kl,
        "kl": kl,
        "t_squared": temperature**2,
        "p1": p[0],
        "p2": p[1],
        "p3": p[2],
        "q1": q[0],
        "q2": q[1],
        "q3": q[2],
        "no_t2": kl,
        "at_t1": kl_t1,
    }, ("no_t2", "at_t1"))


@drill
def kd_soft_grad(t1: float, t2: float, t3: float, s1: float, s2: float, s3: float, temperature: float, index: int) -> dict:
    """d/ds_index of T^2 * KL(p_T || q_T) = T (q_i - p_i).

    Without the T^2 factor the gradient is (q_i - p_i) / T, which is why the
    soft term is multiplied by T^2. Mistakes: (q_i - p_i) / T and q_i - p_i.
    """
    outputs = kd_soft_grad_values([t1, t2, t3], [s1, s2, s3], temperature, index)
    return _distinct_kd(outputs, ("no_t2", "no_temperature"))


def kd_soft_grad_values(teacher: list[float], student: list[float], temperature: float, index: int) -> dict:
    """kd_soft_grad's outputs for any draw, small or not (the high-T limit is tested through this)."""
    i = _pick(index, 3)
    p, q, _ = _kd(teacher, student, temperature)
    return {
        "answer": temperature * (q[i] - p[i]),
        "p": p[i],
        "q": q[i],
        "no_t2": (q[i] - p[i]) / temperature,
        "no_temperature": q[i] - p[i],
    }


@drill
def lsoftmax_target_logit(w_norm: float, x_norm: float, theta: float, margin: int) -> dict:
    """L-Softmax's target-class logit ||W|| ||x|| psi(theta), theta in degrees.

    psi(theta) = (-1)^k cos(m theta) - 2k for theta in [k pi/m, (k+1) pi/m].
    Mistakes: the plain softmax logit ||W|| ||x|| cos(theta) and the raw
    ||W|| ||x|| cos(m theta) without the monotone extension (not listed for theta < 180/m, where
    psi is cos(m theta) itself).
    """
    if margin < 1 or not 0 <= theta <= 180:
        raise Redraw
    rad = math.radians(theta)
    k = min(int(theta * margin // 180), margin - 1)
    psi = (-1) ** k * math.cos(margin * rad) - 2 * k
    scale = w_norm * x_norm
    return {
        "answer": scale * psi,
        "k": k,
        "psi": psi,
        "scale": scale,
        "cos_theta": math.cos(rad),
        "cos_m_theta": math.cos(margin * rad),
        "m_theta": margin * theta,
        "plain": scale * math.cos(rad),
        "raw_cos": scale * math.cos(margin * rad) if k else None,
    }
