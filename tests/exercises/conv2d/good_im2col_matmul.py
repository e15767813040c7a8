# textbook im2col: sliding_window_view, an explicit column matrix per group, one matmul each
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    pair = lambda v: (int(v[0]), int(v[1])) if np.ndim(v) else (int(v), int(v))  # noqa: E731
    sh, sw = pair(stride)
    ph, pw = pair(padding)
    dh, dw = pair(dilation)
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    if c % groups or o % groups or cg != c // groups:
        raise ValueError("bad channel counts for these groups")
    eh, ew = dh * (kh - 1) + 1, dw * (kw - 1) + 1  # the dilated kernel's extent
    oh, ow = (h + 2 * ph - eh) // sh + 1, (w + 2 * pw - ew) // sw + 1
    if min(oh, ow) < 1:
        raise ValueError("kernel larger than the padded input")
    xp = np.pad(x, [(0, 0), (0, 0), (ph, ph), (pw, pw)], mode="constant")
    win = sliding_window_view(xp, (eh, ew), axis=(2, 3))[:, :, ::sh, ::sw, ::dh, ::dw]  # (n, c, oh, ow, kh, kw)
    og = o // groups
    outs = []
    for g in range(groups):
        part = win[:, g * cg:(g + 1) * cg]
        cols = part.transpose(0, 2, 3, 1, 4, 5).reshape(n * oh * ow, cg * kh * kw)
        kernels = weight[g * og:(g + 1) * og].reshape(og, -1)
        outs.append((cols @ kernels.T).reshape(n, oh, ow, og))
    out = np.concatenate(outs, axis=3).transpose(0, 3, 1, 2)
    return out if bias is None else out + bias.reshape(1, o, 1, 1)
