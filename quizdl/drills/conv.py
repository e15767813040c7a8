"""Output size and receptive field of convolution and pooling layers."""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill


def _output_size(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


@drill
def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> dict:
    """floor((H + 2p - d(k-1) - 1) / s) + 1, as torch.nn.Conv2d computes it.

    Also returns the notes' misprinted formula (without the "- 1") as a mistake.
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
    }
