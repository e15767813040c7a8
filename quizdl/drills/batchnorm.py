"""Batch normalisation as PyTorch runs it: running statistics and the eval-mode output.

PyTorch's update is running = (1 - momentum) * running + momentum * batch_statistic,
with momentum = 0.1 by default; the batch normalises itself with the biased variance
but running_var is fed the unbiased (n - 1) one.
"""

from __future__ import annotations

import math

from quizdl.drills.registry import Redraw, drill


def _batch(values: list[float]) -> tuple[float, float, float]:
    """Mean, biased variance and unbiased variance of one channel's values."""
    n = len(values)
    mean = sum(values) / n
    squares = sum((v - mean) ** 2 for v in values)
    return mean, squares / n, squares / (n - 1)


@drill
def bn_running_mean_update(running: float, momentum: float, x1: float, x2: float, x3: float, x4: float) -> dict:
    """running_mean after one training-mode forward of a batch whose channel holds x1..x4."""
    mean, _, _ = _batch([x1, x2, x3, x4])
    answer = (1 - momentum) * running + momentum * mean
    keras = momentum * running + (1 - momentum) * mean
    if abs(keras - answer) < 1e-3 or abs(mean - answer) < 1e-3:
        raise Redraw
    return {
        "answer": answer,
        "batch_mean": mean,
        "keep_weight": 1 - momentum,
        "keras_convention": keras,
        "batch_only": mean,
    }


@drill
def bn_running_var_update(running_var: float, momentum: float, x1: float, x2: float, x3: float, x4: float) -> dict:
    """running_var after one training-mode forward: the batch variance fed in is the unbiased one (divide by n - 1)."""
    mean, biased, unbiased = _batch([x1, x2, x3, x4])
    if biased == 0:
        raise Redraw
    answer = (1 - momentum) * running_var + momentum * unbiased
    return {
        "answer": answer,
        "batch_mean": mean,
        "squares": biased * 4,
        "biased_var": biased,
        "unbiased_var": unbiased,
        "keep_weight": 1 - momentum,
        "with_biased": (1 - momentum) * running_var + momentum * biased,
        "keras_convention": momentum * running_var + (1 - momentum) * unbiased,
    }


@drill
def bn_running_mean_after_n(momentum: float, steps: int, mu: float) -> dict:
    """running_mean after `steps` training batches that all have channel mean mu, starting from 0: mu (1 - (1 - m)^n)."""
    if steps < 1 or not 0 < momentum < 1 or mu == 0:
        raise Redraw
    remaining = (1 - momentum) ** steps
    answer = mu * (1 - remaining)
    linear = steps * momentum * mu
    if abs(linear - answer) < 1e-3 * abs(answer):
        raise Redraw
    return {
        "answer": answer,
        "remaining": remaining,
        "linear": linear,
        "converged": mu,
    }


@drill
def bn_eval_output(x: float, mean: float, var: float, gamma: float, beta: float) -> dict:
    """Eval mode: y = gamma * (x - running_mean) / sqrt(running_var + eps) + beta, eps = 1e-5."""
    if var <= 0:
        raise Redraw
    eps = 1e-5
    std = math.sqrt(var + eps)
    answer = gamma * (x - mean) / std + beta
    var_not_std = gamma * (x - mean) / (var + eps) + beta
    if abs(var_not_std - answer) < 2e-3:
        raise Redraw  # var = 1: dividing by the variance gives the same number
    return {
        "answer": answer,
        "std": math.sqrt(var),
        "normalized": (x - mean) / std,
        "var_not_std": var_not_std,
        "no_affine": (x - mean) / std,
        "beta_scaled": gamma * ((x - mean) / std + beta),
    }
