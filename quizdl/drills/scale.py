"""Training-at-scale arithmetic: ZeRO memory per GPU, LoRA's trainable parameters, GradScaler's dynamic
loss scale, the loss factor of gradient accumulation under DDP, and absmax int8 codes.

GB means 10^9 bytes, as the prompts say.
"""

from __future__ import annotations

import math

from quizdl.drills.guards import require_apart
from quizdl.drills.registry import Redraw, drill

GB_TOLERANCE = 0.006
"""The ZeRO drill asks for GB with 2 decimals."""
FACTOR_TOLERANCE = 1e-6
"""The accumulation drill asks for the exact value (relative tolerance)."""
_LORA_TARGETS = {"q,v": 2, "q,k,v,o": 4}


def _zero_bytes(params: float, gpus: int, stage: int, weight: int, grad: int, optimizer: int) -> float:
    """Model-state bytes on one GPU: stage 1 shards the optimizer state, 2 also the gradients, 3 also the weights."""
    return (weight * params / (gpus if stage >= 3 else 1)
            + grad * params / (gpus if stage >= 2 else 1)
            + optimizer * params / gpus)


@drill
def zero_memory_gb(params_b: float, gpus: int, stage: int) -> dict:
    """Mixed-precision Adam (ZeRO paper, section 3.1): fp16 weights 2 + fp16 gradients 2 + fp32 master weights,
    exp_avg and exp_avg_sq 12 bytes per parameter; ZeRO stage `stage` over `gpus` data-parallel ranks."""
    if stage not in (1, 2, 3) or gpus < 2:
        raise Redraw
    params = params_b * 1e9
    answer = _zero_bytes(params, gpus, stage, 2, 2, 12) / 1e9
    mistakes = {
        "unsharded": 16 * params_b,
        "no_master": _zero_bytes(params, gpus, stage, 2, 2, 8) / 1e9,
        "fp32_grads": _zero_bytes(params, gpus, stage, 2, 4, 12) / 1e9,
    }
    require_apart(answer, mistakes, abs_tol=GB_TOLERANCE)
    return {"answer": answer, "baseline": 16 * params_b, "weights": 2 * params_b, "grads": 2 * params_b,
            "optimizer": 12 * params_b, **mistakes}


@drill
def lora_params(d_model: int, layers: int, rank: int, targets: str) -> dict:
    """Trainable parameters of LoRA on square d x d projections: each adapted matrix adds A (r x d) and B (d x r)."""
    if targets not in _LORA_TARGETS or rank >= d_model:
        raise Redraw
    matrices = _LORA_TARGETS[targets] * layers
    per_matrix = 2 * rank * d_model
    answer = matrices * per_matrix
    mistakes = {
        "one_factor": matrices * rank * d_model,
        "rank_squared": matrices * rank * rank,
        "dense_update": matrices * d_model * d_model,
    }
    require_apart(answer, mistakes)
    return {"answer": answer, "matrices": matrices, "per_matrix": per_matrix,
            "share": 100 * answer / (matrices * d_model * d_model), **mistakes}


@drill
def grad_scaler_log2(growth_interval: int, good_before: int, overflows: int, good_after: int) -> dict:
    """log2 of torch.amp.GradScaler's scale (init 2^16, growth 2, backoff 0.5) after `good_before` finite steps,
    `overflows` skipped steps with inf/nan gradients, then `good_after` finite steps. Growth needs
    `growth_interval` consecutive finite steps; an overflow halves the scale and restarts the count."""
    if growth_interval < 1 or overflows < 1:
        raise Redraw
    grown_before = good_before // growth_interval
    grown_after = good_after // growth_interval
    answer = 16 + grown_before - overflows + grown_after
    mistakes = {
        "no_growth": 16 - overflows,
        "count_not_reset": 16 + (good_before + good_after) // growth_interval - overflows,
        "halve_once": 16 + grown_before - 1 + grown_after,
    }
    require_apart(answer, mistakes)
    return {"answer": answer, "grown_before": grown_before, "grown_after": grown_after,
            "left_over": good_before % growth_interval, **mistakes}


@drill
def accumulation_factor(gpus: int, micro: int, steps: int, reduction: str) -> dict:
    """Factor on each micro-batch loss so DDP (which averages gradients over ranks) with `steps` accumulation
    steps gives the gradient of the mean loss over the global batch gpus * micro * steps."""
    if reduction not in ("mean", "sum"):
        raise Redraw
    answer = 1 / steps if reduction == "mean" else 1 / (micro * steps)
    mistakes = {
        "also_gpus": answer / gpus,
        "no_scaling": 1.0,
        "other_reduction": 1 / (micro * steps) if reduction == "mean" else 1 / steps,
    }
    require_apart(answer, mistakes, rel_tol=FACTOR_TOLERANCE)
    return {"answer": answer, "global_batch": gpus * micro * steps, "per_rank": micro * steps, **mistakes}


@drill
def int8_absmax_code(level: int, frac: float, absmax: float) -> dict:
    """Symmetric (absmax) int8 quantisation: scale = absmax / 127, code = round(x / scale).

    The element is drawn as x = +-(|level| + frac) * scale, rounded to 3 decimals, so that truncating
    toward zero (the classic slip) gives a different code."""
    if absmax <= 0 or level == 0 or not 0.5 < frac < 1 or abs(level) + 1 > 127:
        raise Redraw
    scale = absmax / 127
    x = round(math.copysign((abs(level) + frac) * scale, level), 3)
    scaled = x / scale
    if abs(abs(scaled) % 1 - 0.5) < 0.05:
        raise Redraw  # a near-tie would hinge on round-half-even versus half-up
    answer = round(scaled)
    mistakes = {
        "scale_255": round(x / (absmax / 255)),
        "truncated": math.trunc(scaled),
    }
    require_apart(answer, mistakes)
    return {"answer": answer, "x": x, "scale": scale, "scaled": scaled, "dequantised": answer * scale,
            "error": abs(answer * scale - x), **mistakes}
