# through the effective kernel size, with math.floor on a true division and explicit checks
import math


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    for name, value, low in (("size", size, 1), ("kernel_size", kernel_size, 1), ("stride", stride, 1),
                             ("padding", padding, 0), ("dilation", dilation, 1)):
        if value < low:
            raise ValueError(f"{name} must be >= {low}")
    effective = dilation * (kernel_size - 1) + 1
    out = math.floor((size + 2 * padding - effective) / stride) + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
