"""Output size, receptive field and parameter count of convolution and pooling layers."""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill


def _output_size(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


@drill
def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> dict:
    """floor((H + 2p - d(k-1) - 1) / s) + 1, as torch.nn.Conv2d computes it.

    Also returns the notes' misprinted formula (without the "- 1") and the
    formula that forgets the dilation (only when the dilation is not 1), as mistakes.
    """
    out = _output_size(size, kernel, stride, padding, dilation)
    if out < 1:
        raise Redraw
    effective = dilation * (kernel - 1) + 1
    return {
        "answer": out,
        "effective_kernel": effective,
        "numerator": size + 2 * padding - effective,
        "no_minus_one": (size + 2 * padding - dilation * (kernel - 1)) // stride + 1,
        "no_dilation": _output_size(size, kernel, stride, padding, 1) if dilation != 1 else None,
    }


def _pool_size(size: int, kernel: int, stride: int, padding: int, ceil_mode: bool) -> int:
    numerator = size + 2 * padding - kernel
    if not ceil_mode:
        return numerator // stride + 1
    out = -(-numerator // stride) + 1
    # PyTorch: the last window must start inside the input or the left padding.
    if (out - 1) * stride >= size + padding:
        out -= 1
    return out


@drill
def pool_output_size(size: int, kernel: int, stride: int, padding: int = 0, ceil_mode: bool = False) -> dict:
    """Output side of nn.MaxPool2d / nn.AvgPool2d (dilation 1), with PyTorch's ceil_mode rule.

    floor or ceil of (H + 2p - k) / s, plus 1; with ceil_mode a window that
    would start in the right padding (beyond H + p) is dropped. Mistakes: the other rounding mode;
    rounding up without dropping that window (kept_dropped_window, listed when ceil_mode drops one,
    where the floor result is right); the notes' floor formula without the "- 1" (with ceil_mode=False).
    """
    if padding > kernel // 2 or stride < 1:
        raise Redraw  # PyTorch: "pad should be at most half of kernel size"
    numerator = size + 2 * padding - kernel
    if numerator < 0:
        raise Redraw
    out = _pool_size(size, kernel, stride, padding, ceil_mode)
    naive_ceil = -(-numerator // stride) + 1
    dropped = ceil_mode and out != naive_ceil
    return {
        "answer": out,
        "numerator": numerator,
        "floor_out": numerator // stride + 1,
        "naive_ceil": naive_ceil,
        "kept_dropped_window": naive_ceil if dropped else None,
        # a dropped window brings ceil_mode back to the floor result: there the slip to test is keeping it
        "other_mode": None if dropped else _pool_size(size, kernel, stride, padding, not ceil_mode),
        # the notes' formula is a floor formula
        "no_minus_one": None if ceil_mode else (numerator + 1) // stride + 1,
        "last_start": (naive_ceil - 1) * stride,
        "limit": size + padding,
    }


def _receptive_field(layers: list[tuple[int, int, int]]) -> tuple[list[int], list[int]]:
    """Receptive fields r_l and jumps j_l after each (kernel, stride, dilation) layer; r_0 = j_0 = 1."""
    r, j = 1, 1
    fields, jumps = [], []
    for kernel, stride, dilation in layers:
        r += (kernel - 1) * dilation * j
        j *= stride
        fields.append(r)
        jumps.append(j)
    return fields, jumps


@drill
def receptive_field(
    k1: int, s1: int, k2: int, s2: int, k3: int, s3: int, d1: int = 1, d2: int = 1, d3: int = 1
) -> dict:
    """Receptive field of the third layer's output: r_l = r_{l-1} + (k_l - 1) d_l prod(s_1..s_{l-1}).

    Mistakes: ignoring the strides (1 + sum (k-1) d), multiplying in the layer's
    own stride, and ignoring the dilation. Redraws when the strides play no
    part, so every draw exercises the product of strides.
    """
    layers = [(k1, s1, d1), (k2, s2, d2), (k3, s3, d3)]
    if any(k < 1 or s < 1 or d < 1 for k, s, d in layers):
        raise Redraw
    fields, jumps = _receptive_field(layers)
    no_stride = 1 + sum((k - 1) * d for k, _, d in layers)
    if no_stride == fields[-1]:
        raise Redraw
    own = 1
    jump = 1
    for k, s, d in layers:
        jump *= s
        own += (k - 1) * d * jump
    no_dilation, _ = _receptive_field([(k, s, 1) for k, s, _ in layers])
    return {
        "answer": fields[-1],
        "r1": fields[0],
        "r2": fields[1],
        "j1": jumps[0],
        "j2": jumps[1],
        "j3": jumps[2],
        "e1": (k1 - 1) * d1,
        "e2": (k2 - 1) * d2 * jumps[0],
        "e3": (k3 - 1) * d3 * jumps[1],
        "no_stride": no_stride,
        "own_stride": own,
        "no_dilation": no_dilation[-1],
    }


@drill
def conv_params(c_in: int, c_out: int, kernel: int, bias: bool = True, groups: int = 1) -> dict:
    """Learnable parameters of nn.Conv2d: c_out * (c_in / groups) * k * k weights, plus c_out biases
    (forgetting them is listed as a mistake only when the layer has them)."""
    if groups < 1 or c_in % groups or c_out % groups:
        raise Redraw
    weights = c_out * (c_in // groups) * kernel * kernel
    biases = c_out if bias else 0
    return {
        "answer": weights + biases,
        "weights": weights,
        "biases": biases,
        "per_filter": (c_in // groups) * kernel * kernel,
        "no_bias": weights if bias else None,
        "no_c_in": c_out * kernel * kernel + biases,
        "bias_per_input": weights + c_in,
        "ignore_groups": c_out * c_in * kernel * kernel + biases,
    }
