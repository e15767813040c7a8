# no argument checks: a dout of the wrong shape broadcasts, a too-large padding or an empty output pass silently
# fails: dout of the wrong shape raises ValueError
# fails: padding 2 with a 3x3 kernel (more than half) raises ValueError
# fails: a 4x4 kernel on a 3x3 input (output size 0) raises ValueError
import numpy as np


def _pair(value):
    return (int(value), int(value)) if np.ndim(value) == 0 else (int(value[0]), int(value[1]))


def maxpool2d_backward(x, dout, kernel_size, stride=None, padding=0):
    """d/dx of sum(F.max_pool2d(x, kernel_size, stride, padding) * dout), x (N, C, H, W)."""
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    ph, pw = _pair(padding)
    n, c, h, w = x.shape
    out_h = (h + 2 * ph - kh) // sh + 1
    out_w = (w + 2 * pw - kw) // sw + 1
    # implicit -inf padding: a padded position is never a window's maximum
    padded = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=-np.inf)
    s_n, s_c, s_h, s_w = padded.strides
    windows = np.lib.stride_tricks.as_strided(
        padded, shape=(n, c, out_h, out_w, kh, kw), strides=(s_n, s_c, s_h * sh, s_w * sw, s_h, s_w),
        writeable=False)
    first = windows.reshape(n, c, out_h, out_w, kh * kw).argmax(axis=-1)  # argmax: the first maximum, row-major
    rows = np.arange(out_h)[:, None] * sh + first // kw
    cols = np.arange(out_w)[None, :] * sw + first % kw
    batch = np.arange(n)[:, None, None, None]
    channel = np.arange(c)[None, :, None, None]
    dpadded = np.zeros(padded.shape)
    np.add.at(dpadded, (batch, channel, rows, cols), dout)  # overlapping windows accumulate
    return dpadded[:, :, ph:ph + h, pw:pw + w]
