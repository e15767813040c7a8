# a loop over the kernel taps in row-major order: each output's gradient goes to the first tap equal to its max
import numpy as np


def maxpool2d_backward(x, dout, kernel_size, stride=None, padding=0):
    kh, kw = np.broadcast_to(kernel_size, 2)
    sh, sw = np.broadcast_to(kernel_size if stride is None else stride, 2)
    ph, pw = np.broadcast_to(padding, 2)
    if ph > kh // 2 or pw > kw // 2:
        raise ValueError("padding too large")
    n, c, h, w = x.shape
    ho, wo = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    if ho < 1 or wo < 1:
        raise ValueError("empty output")
    if dout.shape != (n, c, ho, wo):
        raise ValueError("dout has the wrong shape")
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=-np.inf)
    taps = [(a, b) for a in range(kh) for b in range(kw)]
    tap = lambda a, b: xp[:, :, a:a + sh * (ho - 1) + 1:sh, b:b + sw * (wo - 1) + 1:sw]  # noqa: E731
    pooled = np.max([tap(a, b) for a, b in taps], axis=0)
    pending = np.ones(pooled.shape, dtype=bool)  # outputs whose gradient is not placed yet
    dxp = np.zeros(xp.shape)
    for a, b in taps:
        chosen = pending & (tap(a, b) == pooled)
        dxp[:, :, a:a + sh * (ho - 1) + 1:sh, b:b + sw * (wo - 1) + 1:sw] += np.where(chosen, dout, 0.0)
        pending &= ~chosen
    return dxp[:, :, ph:ph + h, pw:pw + w]
