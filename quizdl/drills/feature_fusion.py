"""Add versus concat for fusing two feature maps: what the convolution after them costs.

Concatenating two c-channel maps doubles the input channels of the next conv, so its
weights and multiply-accumulates double; add keeps c channels. add followed by a conv
equals concat followed by a conv whose kernels for X_i and Y_i are tied (K_i = K_{i+c}).
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill


@drill
def concat_conv_params(c: int, k: int, c_out: int) -> dict:
    """Parameters of a k x k conv (with bias) after concatenating two c-channel maps: 2c k^2 c_out + c_out.

    After an add the same conv sees c channels: c k^2 c_out + c_out.
    """
    if min(c, k, c_out) < 1:
        raise Redraw
    weights = 2 * c * k * k * c_out
    return {
        "answer": weights + c_out,
        "in_channels": 2 * c,
        "weights": weights,
        "add_params": c * k * k * c_out + c_out,
        "no_bias": weights,
    }


@drill
def concat_conv_macs(c: int, k: int, c_out: int, size: int) -> dict:
    """Multiply-accumulates (millions) of a stride-1, 'same'-padded k x k conv on a size x size map after
    concatenating two c-channel maps: size^2 * c_out * 2c * k^2 (bias ignored)."""
    if min(c, k, c_out, size) < 1:
        raise Redraw
    macs = size * size * c_out * 2 * c * k * k
    return {
        "answer": macs / 1e6,
        "per_output": 2 * c * k * k,
        "outputs": size * size * c_out,
        "add_macs": macs / 2e6,
        "flops": 2 * macs / 1e6,
    }
