# finds each maximum by subtracting it from the window in place: without padding the window is a view of x
# fails: x and dout are not modified
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
    xp = x if ph == pw == 0 else np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=-np.inf)
    dxp = np.zeros(xp.shape)
    for b in range(n):
        for ch in range(c):
            for i in range(ho):
                for j in range(wo):
                    win = xp[b, ch, i * sh:i * sh + kh, j * sw:j * sw + kw]
                    best = win.max()
                    win -= best  # the maximum becomes 0
                    r, s = np.argwhere(win == 0)[0]
                    win += best
                    dxp[b, ch, i * sh + r, j * sw + s] += dout[b, ch, i, j]
    return dxp[:, :, ph:ph + h, pw:pw + w]
