"""Backprop in depth: a weight gradient with shapes, max-pool routing, transposed-conv size, init scales.

The matrices of the first two drills are drawn from a `layout` seed, so one
integer parameter gives a whole small matrix; the prompt prints it.
"""

from __future__ import annotations

import math
import random

from quizdl.drills.guards import require_clear_rounding, require_distinct
from quizdl.drills.registry import Redraw, drill

_INTEGER = 0.25
"""Integer answers are exact: a mistake must differ by 1 or more (see require_distinct)."""


def _matrix(rows: list[list[int]]) -> str:
    return "[" + ", ".join("[" + ", ".join(str(v) for v in row) + "]" for row in rows) + "]"


@drill
def linear_weight_grad(layout: int, row: int) -> dict:
    """Off-diagonal entry (row, 3 - row), 1-based, of dL/dW = X^T dY for Y = X W: X 3x2, W 2x2, dY = dL/dY 3x2.

    Off the diagonal, so that the transposed slip (dY^T X) gives a different number.
    """
    col = 3 - row
    rng = random.Random(layout)
    x = [[rng.randint(-3, 3) for _ in range(2)] for _ in range(3)]
    dy = [[rng.randint(-2, 3) for _ in range(2)] for _ in range(3)]
    i, j = row - 1, col - 1
    if not (0 <= i < 2 and 0 <= j < 2):
        raise Redraw
    terms = [x[n][i] * dy[n][j] for n in range(3)]
    answer = sum(terms)
    mistakes = {
        "swapped": sum(x[n][j] * dy[n][i] for n in range(3)),
        "first_only": terms[0],
        "batch_mean": answer / 3,
    }
    require_distinct(answer, mistakes, _INTEGER, tiny=1)
    return {
        "answer": answer, "col": col, "x_text": _matrix(x), "dy_text": _matrix(dy),
        "x_col": ", ".join(str(x[n][i]) for n in range(3)), "dy_col": ", ".join(str(dy[n][j]) for n in range(3)),
        "sum_text": " + ".join(f"({x[n][i]})({dy[n][j]})" for n in range(3)),
        **mistakes,
    }


@drill
def maxpool_overlap_grad(layout: int, g1: int, g2: int, g3: int, g4: int) -> dict:
    """Gradient reaching the input element that wins the most windows of MaxPool2d(3, stride=1) on a 4x4 input.

    The output is 2x2; the upstream gradient is [[g1, g2], [g3, g4]]. Each window sends its whole
    gradient to its argmax; an element that wins several windows accumulates their gradients.
    """
    rng = random.Random(layout)
    values = rng.sample(range(1, 17), 16)
    grid = [values[r * 4:r * 4 + 4] for r in range(4)]
    upstream = [g1, g2, g3, g4]
    wins: dict[tuple[int, int], list[int]] = {}
    for w, (top, left) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)]):
        cells = [(r, c) for r in range(top, top + 3) for c in range(left, left + 3)]
        best = max(cells, key=lambda rc: grid[rc[0]][rc[1]])
        wins.setdefault(best, []).append(w)
    (r, c), won = max(wins.items(), key=lambda item: len(item[1]))
    if len(won) < 2 or sum(len(v) == len(won) for v in wins.values()) > 1:
        raise Redraw  # only a single element winning two or more windows shows the accumulation
    answer = sum(upstream[w] for w in won)
    containing = [w for w, (top, left) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)])
                  if top <= r < top + 3 and left <= c < left + 3]
    mistakes = {
        "one_window": upstream[won[0]],
        "avg_pool": sum(upstream[w] for w in containing) / 9,
    }
    require_distinct(answer, mistakes, _INTEGER, tiny=1)
    return {
        "answer": answer, "grid_text": _matrix(grid), "value": grid[r][c], "windows": len(won),
        "won_text": " + ".join(f"({upstream[w]})" for w in won), "containing": len(containing),
        **mistakes,
    }


@drill
def conv_transpose_output_size(size: int, kernel: int, stride: int, padding: int, output_padding: int,
                               dilation: int = 1) -> dict:
    """nn.ConvTranspose2d's output side: (H - 1) s - 2p + d(k - 1) + output_padding + 1."""
    if output_padding >= max(stride, dilation) or padding > dilation * (kernel - 1):
        raise Redraw  # PyTorch requires output_padding < stride or < dilation
    answer = (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1
    if answer < 1:
        raise Redraw
    mistakes = {
        "conv_formula": (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1,
        "no_output_padding": answer - output_padding,
        "plus_padding": answer + 4 * padding,
        "times_size": size * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1,
    }
    require_distinct(answer, mistakes, _INTEGER)
    return {"answer": answer, "stretched": (size - 1) * stride + 1, "effective_kernel": dilation * (kernel - 1) + 1,
            **mistakes}


@drill
def init_std(c_in: int, c_out: int, kernel: int, scheme: str) -> dict:
    """Std of nn.init.kaiming_normal_ (fan_in, ReLU gain sqrt 2) or xavier_normal_ on a Conv2d weight."""
    fan_in, fan_out = c_in * kernel * kernel, c_out * kernel * kernel

    def std(name: str, fi: int, fo: int) -> float:
        if name == "kaiming_normal_":
            return math.sqrt(2 / fi)
        if name == "xavier_normal_":
            return math.sqrt(2 / (fi + fo))
        raise Redraw

    answer = std(scheme, fan_in, fan_out)
    other = "xavier_normal_" if scheme == "kaiming_normal_" else "kaiming_normal_"
    mistakes = {
        "variance": answer**2,
        "no_kernel": std(scheme, c_in, c_out),
        "other_scheme": std(other, fan_in, fan_out),
    }
    require_distinct(answer, mistakes, 0.00005, tiny=0.002)
    require_clear_rounding(answer, 4)
    return {"answer": answer, "fan_in": fan_in, "fan_out": fan_out, "var": answer**2, **mistakes}
