"""Numbers of architectures: conv+BN fusion, DenseNet channels, 1x1 bottlenecks, CBAM."""

from __future__ import annotations

import math

from quizdl.drills.registry import Redraw, drill

_DISTINCT = 0.02
"""Fusion drills ask for 2 decimals (tolerance 0.006): a classic mistake closer than this to the answer
could be accepted once rounded, and would not teach."""


def _distinct(answer: float, mistakes: dict[str, float]) -> None:
    if any(abs(value - answer) < _DISTINCT for value in mistakes.values()):
        raise Redraw


@drill
def conv_bn_fused_weight(w: float, gamma: float, var: float, eps: float = 1e-5) -> dict:
    """Weight of the conv after folding an eval-mode BN into it: W * gamma / sqrt(var + eps)."""
    if var <= 0:
        raise Redraw
    std = math.sqrt(var + eps)
    alpha = gamma / std
    answer = w * alpha
    mistakes = {
        "var_not_std": w * gamma / (var + eps),
        "no_gamma": w / std,
        "times_std": w * gamma * std,
    }
    _distinct(answer, mistakes)
    return {"answer": answer, "std": std, "alpha": alpha, **mistakes}


@drill
def conv_bn_fused_bias(b: float, gamma: float, beta: float, mean: float, var: float, eps: float = 1e-5) -> dict:
    """Bias of the conv after folding an eval-mode BN into it: (B - mean) * gamma / sqrt(var + eps) + beta."""
    if var <= 0:
        raise Redraw
    std = math.sqrt(var + eps)
    alpha = gamma / std
    answer = (b - mean) * alpha + beta
    mistakes = {
        "no_mean": b * alpha + beta,
        "no_beta": (b - mean) * alpha,
        "var_not_std": (b - mean) * gamma / (var + eps) + beta,
        "mean_unscaled": b * alpha - mean + beta,
        "beta_scaled": (b - mean + beta) * alpha,
    }
    _distinct(answer, mistakes)
    return {"answer": answer, "std": std, "alpha": alpha, "shifted": b - mean, **mistakes}


@drill
def densenet_layer_input_channels(k0: int, growth: int, layer: int) -> dict:
    """Input channels of layer `layer` (1-based) of a dense block: k0 + k (l - 1)."""
    if layer < 1 or growth < 1 or k0 < 1:
        raise Redraw
    return {
        "answer": k0 + growth * (layer - 1),
        "previous": layer - 1,
        "added": growth * (layer - 1),
        "off_by_one": k0 + growth * layer,
        "no_k0": growth * (layer - 1),
        "output": growth,
    }


@drill
def densenet_transition_channels(k0: int, growth: int, layers: int, theta: float = 0.5) -> dict:
    """Channels out of the transition after a block of `layers` layers: floor(theta * (k0 + k L))."""
    if not 0 < theta <= 1 or layers < 1:
        raise Redraw
    block_out = k0 + growth * layers
    return {
        "answer": math.floor(theta * block_out + 1e-9),
        "block_out": block_out,
        "added": growth * layers,
        "no_compression": block_out,
        "off_by_one": math.floor(theta * (k0 + growth * (layers - 1)) + 1e-9),
        "compress_k0_only": math.floor(theta * k0 + 1e-9) + growth * layers,
    }


@drill
def bottleneck_params(c_in: int, c_mid: int, c_out: int, kernel: int) -> dict:
    """Weights (no bias) of 1x1 c_in->c_mid then k x k c_mid->c_out, versus k x k c_in->c_out directly."""
    if c_mid >= c_in:
        raise Redraw  # a bottleneck reduces the channels
    reduce = c_in * c_mid
    spatial = kernel * kernel * c_mid * c_out
    direct = kernel * kernel * c_in * c_out
    return {
        "answer": reduce + spatial,
        "reduce": reduce,
        "spatial": spatial,
        "direct": direct,
        "ratio": direct / (reduce + spatial),
        "no_reduce_layer": spatial,
        "k2_on_reduce": kernel * kernel * c_in * c_mid + spatial,
    }


@drill
def depthwise_separable_params(c_in: int, c_out: int, kernel: int) -> dict:
    """Weights (no bias) of a depthwise k x k conv (groups = c_in) then a pointwise 1x1 conv c_in->c_out."""
    depthwise = kernel * kernel * c_in
    pointwise = c_in * c_out
    standard = kernel * kernel * c_in * c_out
    return {
        "answer": depthwise + pointwise,
        "depthwise": depthwise,
        "pointwise": pointwise,
        "standard": standard,
        "ratio": (depthwise + pointwise) / standard,
        "pointwise_only": pointwise,
        "depthwise_full": kernel * kernel * c_in * c_in + pointwise,
    }


@drill
def cbam_channel_params(channels: int, reduction: int) -> dict:
    """Parameters of CBAM's channel attention: one shared MLP C -> C/r -> C with biases (nn.Linear)."""
    if channels % reduction or channels // reduction < 1:
        raise Redraw
    hidden = channels // reduction
    first = channels * hidden + hidden
    second = hidden * channels + channels
    answer = first + second
    return {
        "answer": answer,
        "hidden": hidden,
        "first": first,
        "second": second,
        "two_mlps": 2 * answer,
        "no_bias": 2 * channels * hidden,
    }
