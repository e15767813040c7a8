# the mask window == window.max(): every tied maximum receives the whole gradient
# fails: ties - integer values 0..2, 2x2 windows, the first maximum in row-major order
# fails: ties in overlapping windows - values 0..1, 3x3 windows, stride 1
# fails: a constant input - every window gives its gradient to its top-left element
import numpy as np


def maxpool2d_backward(x, dout, kernel_size, stride=None, padding=0):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)  # noqa: E731
    kh, kw = pair(kernel_size)
    sh, sw = pair(kernel_size if stride is None else stride)
    ph, pw = pair(padding)
    if ph > kh // 2 or pw > kw // 2:
        raise ValueError("padding too large")
    n, c, h, w = x.shape
    ho, wo = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    if ho < 1 or wo < 1 or dout.shape != (n, c, ho, wo):
        raise ValueError("bad shapes")
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=-np.inf)
    dxp = np.zeros(xp.shape)
    for i in range(ho):
        for j in range(wo):
            win = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
            mask = win == win.max(axis=(2, 3), keepdims=True)
            dxp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw] += mask * dout[:, :, i:i + 1, j:j + 1]
    return dxp[:, :, ph:ph + h, pw:pw + w]
