# adds the bias as out + bias: it broadcasts along the last axis (width), not along the channels
# fails: 3x3 kernel with bias, no padding
# fails: stride 2 on odd sizes - the output size is floored
# fails: pairs - 3x5 kernel, stride (2, 1), padding (1, 2), dilation (1, 2)
# fails: groups 2 - each output group sees its own input group
# fails: 1x1 kernel mixes the channels only
# fails: speed - (2, 64, 56, 56) through a 64 -> 64 3x3 kernel, padding 1, within 0.75 s
import numpy as np


def _pair(value, name):
    pair = (value, value) if isinstance(value, (int, np.integer)) else tuple(value)
    if len(pair) != 2:
        raise ValueError(f"{name} must be an int or a pair")
    return int(pair[0]), int(pair[1])


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """F.conv2d on numpy arrays: x (N, C, H, W), weight (O, C // groups, kh, kw), bias (O,) or None."""
    n, c, h, w = x.shape
    o, c_per_group, kh, kw = weight.shape
    sh, sw = _pair(stride, "stride")
    ph, pw = _pair(padding, "padding")
    dh, dw = _pair(dilation, "dilation")
    if groups < 1 or c % groups or o % groups:
        raise ValueError(f"in channels {c} and out channels {o} must be divisible by groups={groups}")
    if c_per_group != c // groups:
        raise ValueError(f"weight expects {c_per_group * groups} input channels, x has {c}")
    out_h = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    out_w = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    if out_h < 1 or out_w < 1:
        raise ValueError(f"the output would be {out_h} x {out_w}")
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    # every window as a read-only view: (N, C, out_h, out_w, kh, kw), no copy
    s_n, s_c, s_h, s_w = padded.strides
    windows = np.lib.stride_tricks.as_strided(
        padded, shape=(n, c, out_h, out_w, kh, kw),
        strides=(s_n, s_c, s_h * sh, s_w * sw, s_h * dh, s_w * dw), writeable=False)
    o_per_group = o // groups
    out = np.empty((n, o, out_h, out_w), dtype=np.result_type(x, weight))
    for g in range(groups):  # im2col and one matrix product per group (tensordot does both)
        cols = windows[:, g * c_per_group:(g + 1) * c_per_group]
        kernels = weight[g * o_per_group:(g + 1) * o_per_group]
        out[:, g * o_per_group:(g + 1) * o_per_group] = np.tensordot(
            cols, kernels, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)
    if bias is not None:
        out = out + bias
    return out
