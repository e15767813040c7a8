# rounds with numpy: the value is right but it is a numpy.int64, not a Python int
# fails: returns a Python int (not a float or a numpy integer)
import numpy as np


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    out = np.floor((size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride).astype(np.int64) + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
