# the average-pooling gradient: dout / (kh * kw) spread over the whole window instead of routed to the maximum
# fails: 2x2 windows, stride 2 (the default) on (2, 3, 6, 8)
# fails: 3x3 windows, stride 2 - overlapping windows accumulate
# fails: 3x3 windows, stride 1, padding 1 (heavy overlap)
# fails: ties - integer values 0..2, 2x2 windows, the first maximum in row-major order
# fails: ties in overlapping windows - values 0..1, 3x3 windows, stride 1
# fails: a constant input - every window gives its gradient to its top-left element
# fails: pairs - kernel (2, 3), stride (1, 2), padding (1, 1)
# fails: odd sizes - the last row and column that fit no window get no gradient
# fails: negative values with padding 1 - the padding is -inf, not 0
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
    dxp = np.zeros((n, c, h + 2 * ph, w + 2 * pw))
    for i in range(ho):
        for j in range(wo):
            dxp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw] += dout[:, :, i:i + 1, j:j + 1] / (kh * kw)
    return dxp[:, :, ph:ph + h, pw:pw + w]
