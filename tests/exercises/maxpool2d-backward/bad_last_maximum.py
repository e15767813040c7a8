# scans each window with >= : among equal maxima the last one in row-major order takes the gradient
# fails: ties - integer values 0..2, 2x2 windows, the first maximum in row-major order
# fails: ties in overlapping windows - values 0..1, 3x3 windows, stride 1
# fails: a constant input - every window gives its gradient to its top-left element
import numpy as np


def _pair(value):
    return (int(value), int(value)) if np.ndim(value) == 0 else (int(value[0]), int(value[1]))


def maxpool2d_backward(x, dout, kernel_size, stride=None, padding=0):
    """d/dx of sum(F.max_pool2d(x, kernel_size, stride, padding) * dout), x (N, C, H, W)."""
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(kernel_size if stride is None else stride)
    ph, pw = _pair(padding)
    if ph > kh // 2 or pw > kw // 2:
        raise ValueError("padding must be at most half the kernel size")
    n, c, h, w = x.shape
    out_h = (h + 2 * ph - kh) // sh + 1
    out_w = (w + 2 * pw - kw) // sw + 1
    if out_h < 1 or out_w < 1:
        raise ValueError(f"the output would be {out_h} x {out_w}")
    if dout.shape != (n, c, out_h, out_w):
        raise ValueError(f"dout must have the output shape {(n, c, out_h, out_w)}, not {dout.shape}")
    # implicit -inf padding: a padded position is never a window's maximum
    padded = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=-np.inf)
    s_n, s_c, s_h, s_w = padded.strides
    windows = np.lib.stride_tricks.as_strided(
        padded, shape=(n, c, out_h, out_w, kh, kw), strides=(s_n, s_c, s_h * sh, s_w * sw, s_h, s_w),
        writeable=False)
    first = kh * kw - 1 - windows.reshape(n, c, out_h, out_w, kh * kw)[..., ::-1].argmax(axis=-1)
    rows = np.arange(out_h)[:, None] * sh + first // kw
    cols = np.arange(out_w)[None, :] * sw + first % kw
    batch = np.arange(n)[:, None, None, None]
    channel = np.arange(c)[None, :, None, None]
    dpadded = np.zeros(padded.shape)
    np.add.at(dpadded, (batch, channel, rows, cols), dout)  # overlapping windows accumulate
    return dpadded[:, :, ph:ph + h, pw:pw + w]
