# a Python loop over every output element (n, o, i, j): right values, but ~400,000 iterations for a ResNet layer
# fails: speed - (2, 64, 56, 56) through a 64 -> 64 3x3 kernel, padding 1, within 0.75 s
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    N, C, H, W = x.shape
    O, Cg, KH, KW = weight.shape
    if C % groups or O % groups or Cg != C // groups:
        raise ValueError("channels do not match groups")
    OH = (H + 2 * ph - dh * (KH - 1) - 1) // sh + 1
    OW = (W + 2 * pw - dw * (KW - 1) - 1) // sw + 1
    if OH < 1 or OW < 1:
        raise ValueError("output too small")
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    out = np.zeros((N, O, OH, OW))
    per_group = O // groups
    for n in range(N):
        for o in range(O):
            g = o // per_group
            for i in range(OH):
                for j in range(OW):
                    patch = xp[n, g * Cg:(g + 1) * Cg, i * sh:i * sh + dh * (KH - 1) + 1:dh,
                               j * sw:j * sw + dw * (KW - 1) + 1:dw]
                    out[n, o, i, j] = np.sum(patch * weight[o]) + (0.0 if bias is None else bias[o])
    return out
