"""Residual networks: paths in the unravelled view, gradients through identity shortcuts.

The tests enumerate the paths and differentiate a chain of residual blocks with autograd.
"""

from __future__ import annotations

import math

from quizdl.drills.registry import Redraw, drill


@drill
def resnet_paths(blocks: int, length: int) -> dict:
    """Paths through `blocks` residual blocks that pass `length` residual branches: C(n, k).

    Each block is either skipped or entered, so there are 2^n paths in all and
    the path lengths follow a binomial distribution. Mistake: 2^n (all paths).
    """
    if not 0 <= length <= blocks:
        raise Redraw
    return {
        "answer": math.comb(blocks, length),
        "all_paths": 2**blocks,
        "share": math.comb(blocks, length) / 2**blocks,
    }


@drill
def residual_chain_gradient(a1: float, a2: float, a3: float) -> dict:
    """d x_3 / d x_0 for three residual blocks x_i = x_{i-1} + a_i x_{i-1}, i = 1..3 (scalar linear branches).

    The answer is (1 + a1)(1 + a2)(1 + a3) = 1 + d(sum F)/dx_0. Mistakes: the
    plain network without shortcuts (a1 a2 a3), and 1 + a1 + a2 + a3, which
    forgets that later branches see x_0 through the earlier blocks.
    """
    product = (1 + a1) * (1 + a2) * (1 + a3)
    return {
        "answer": product,
        "f1": 1 + a1,
        "f2": 1 + a2,
        "f3": 1 + a3,
        "residual_part": product - 1,
        "plain": a1 * a2 * a3,
        "first_order": 1 + a1 + a2 + a3,
    }
