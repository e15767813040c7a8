# the notes' output size (H + 2p - d(k - 1)) / s + 1, without the "- 1": one row and column too many
# fails: 3x3 kernel with bias, no padding
# fails: bias None (the default), padding 1 keeps the size
# fails: stride 2 on odd sizes - the output size is floored
# fails: 1x1 kernel mixes the channels only
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    pair = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)  # noqa: E731
    (sh, sw), (ph, pw), (dh, dw) = pair(stride), pair(padding), pair(dilation)
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    if c % groups or o % groups or cg != c // groups:
        raise ValueError("channels do not fit the groups")
    oh = (h + 2 * ph - dh * (kh - 1)) // sh + 1
    ow = (w + 2 * pw - dw * (kw - 1)) // sw + 1
    if oh < 1 or ow < 1:
        raise ValueError("empty output")
    xp = np.pad(x, [(0, 0), (0, 0), (ph, ph), (pw, pw)]).reshape(n, groups, cg, h + 2 * ph, w + 2 * pw)
    wg = weight.reshape(groups, o // groups, cg, kh, kw)
    out = np.zeros((n, groups, o // groups, oh, ow))
    for i in range(kh):
        for j in range(kw):
            tap = xp[..., i * dh:i * dh + sh * (oh - 1) + 1:sh, j * dw:j * dw + sw * (ow - 1) + 1:sw]
            out[..., :tap.shape[-2], :tap.shape[-1]] += np.einsum("ngchw,goc->ngohw", tap, wg[..., i, j])
    out = out.reshape(n, o, oh, ow)
    return out if bias is None else out + bias[:, None, None]
