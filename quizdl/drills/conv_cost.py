"""Multiply-accumulates of a grouped (or depthwise) convolution with 'same'-style padding k // 2."""

from __future__ import annotations

from quizdl.drills.guards import require_clear_rounding, require_distinct
from quizdl.drills.registry import Redraw, drill


@drill
def grouped_conv_macs(c_in: int, c_out: int, kernel: int, groups: int, size: int, stride: int) -> dict:
    """MACs (in millions) of nn.Conv2d(c_in, c_out, kernel, stride, padding=kernel // 2, groups=groups).

    Each output value sums (c_in / groups) * k^2 products: grouping divides the cost by `groups`;
    groups = c_in = c_out is the depthwise case.
    """
    if groups < 1 or c_in % groups or c_out % groups:
        raise Redraw
    pad = kernel // 2
    out = (size + 2 * pad - kernel) // stride + 1
    per_output = (c_in // groups) * kernel * kernel
    answer = out * out * c_out * per_output / 1e6
    mistakes = {
        "ignore_groups": out * out * c_out * c_in * kernel * kernel / 1e6,
        "groups_twice": answer / groups,
    }
    require_distinct(answer, mistakes, 0.005, tiny=0.05)
    require_clear_rounding(answer, 2)
    return {"answer": answer, "pad": pad, "out": out, "per_output": per_output, "group_in": c_in // groups,
            "outputs": out * out * c_out, "depthwise": groups == c_in == c_out, **mistakes}
