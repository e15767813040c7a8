# plain loops over every window: np.argmax on the flattened window is the first maximum in row-major order
import numpy as np


def maxpool2d_backward(x, dout, kernel_size, stride=None, padding=0):
    as_pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)  # noqa: E731
    kh, kw = as_pair(kernel_size)
    sh, sw = as_pair(stride) if stride is not None else (kh, kw)
    ph, pw = as_pair(padding)
    if 2 * ph > kh or 2 * pw > kw:
        raise ValueError("padding should be at most half of the kernel size")
    N, C, H, W = x.shape
    Ho, Wo = (H + 2 * ph - kh) // sh + 1, (W + 2 * pw - kw) // sw + 1
    if Ho <= 0 or Wo <= 0:
        raise ValueError("output size is too small")
    if tuple(dout.shape) != (N, C, Ho, Wo):
        raise ValueError("dout does not have the output shape")
    xp = np.full((N, C, H + 2 * ph, W + 2 * pw), -np.inf)
    xp[:, :, ph:ph + H, pw:pw + W] = x
    dxp = np.zeros_like(xp)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    window = xp[n, c, i * sh:i * sh + kh, j * sw:j * sw + kw]
                    a, b = np.unravel_index(np.argmax(window), window.shape)
                    dxp[n, c, i * sh + a, j * sw + b] += dout[n, c, i, j]
    return dxp[:, :, ph:ph + H, pw:pw + W]
