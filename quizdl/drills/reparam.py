"""Structural re-parameterisation: folding BN into a conv, merging RepVGG's branches.

The tests build the branches as real torch modules in eval mode and read the
fused weights off the block's response to an impulse.
"""

from __future__ import annotations

import math

from quizdl.drills.registry import Redraw, drill

BN_EPS = 1e-5


@drill
def reparam_conv_bn_bias(bias: float, gamma: float, beta: float, mean: float, var: float) -> dict:
    """The bias of conv (with bias b) folded with an eval-mode BN (eps 1e-5).

    b' = beta + gamma (b - mu) / sqrt(var + eps);  the weight scales by gamma / sqrt(var + eps).
    Mistakes: dividing by the variance instead of the standard deviation,
    dropping the conv's own bias, and forgetting beta.
    """
    if var < 0:
        raise Redraw
    std = math.sqrt(var + BN_EPS)
    return {
        "answer": beta + gamma * (bias - mean) / std,
        "std": std,
        "scale": gamma / std,
        "no_sqrt": beta + gamma * (bias - mean) / (var + BN_EPS),
        "no_conv_bias": beta - gamma * mean / std,
        "no_beta": gamma * (bias - mean) / std,
    }


@drill
def repvgg_centre_weight(k3: float, g3: float, s3: float, k1: float, g1: float, s1: float, gid: float, sid: float) -> dict:
    """Centre weight of the fused 3x3 kernel of a one-channel RepVGG block.

    Each branch is folded with its BN (scale gamma / sigma, sigma the standard
    deviation), the 1x1 weight sits at the centre and the identity is a 1 at
    the centre: k3 g3/s3 + k1 g1/s1 + gid/sid.
    Mistakes: leaving out the identity branch, adding the identity as a plain 1
    (without its BN), and adding the raw weights without any BN.
    """
    if min(s3, s1, sid) <= 0:
        raise Redraw
    branch3 = k3 * g3 / s3
    branch1 = k1 * g1 / s1
    identity = gid / sid
    return {
        "answer": branch3 + branch1 + identity,
        "branch3": branch3,
        "branch1": branch1,
        "identity": identity,
        "no_identity": branch3 + branch1,
        "identity_unscaled": branch3 + branch1 + 1,
        "no_bn": k3 + k1 + 1,
    }
