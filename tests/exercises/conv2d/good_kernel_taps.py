# a loop over the kh * kw kernel taps only: each tap is one strided slice times a (C, O) matrix per group
import numpy as np


def _two(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    N, C, H, W = x.shape
    O, Cg, KH, KW = weight.shape
    (sh, sw), (ph, pw), (dh, dw) = _two(stride), _two(padding), _two(dilation)
    if C % groups != 0 or O % groups != 0:
        raise ValueError("channels must be divisible by groups")
    if Cg * groups != C:
        raise ValueError("weight does not match the input channels")
    OH = (H + 2 * ph - dh * (KH - 1) - 1) // sh + 1
    OW = (W + 2 * pw - dw * (KW - 1) - 1) // sw + 1
    if OH <= 0 or OW <= 0:
        raise ValueError("output would be empty")
    xp = np.zeros((N, C, H + 2 * ph, W + 2 * pw), dtype=x.dtype)
    xp[:, :, ph:ph + H, pw:pw + W] = x
    xg = xp.reshape(N, groups, Cg, H + 2 * ph, W + 2 * pw)
    wg = weight.reshape(groups, O // groups, Cg, KH, KW)
    out = np.zeros((N, groups, O // groups, OH, OW))
    for i in range(KH):
        for j in range(KW):
            tap = xg[:, :, :, i * dh:i * dh + sh * (OH - 1) + 1:sh, j * dw:j * dw + sw * (OW - 1) + 1:sw]
            out += np.einsum("ngchw,goc->ngohw", tap, wg[:, :, :, i, j])
    out = out.reshape(N, O, OH, OW)
    if bias is not None:
        out += bias[:, None, None]
    return out
