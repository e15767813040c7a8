# with the effective kernel size k_eff = d (k - 1) + 1; the jump as a running product kept in a list
import math


def receptive_field(layers):
    rf, strides = 1, []
    for kernel_size, stride, dilation in layers:
        if min(kernel_size, stride, dilation) < 1:
            raise ValueError(f"bad layer {(kernel_size, stride, dilation)}")
        k_eff = dilation * (kernel_size - 1) + 1
        rf += (k_eff - 1) * math.prod(strides)
        strides.append(stride)
    return (rf, math.prod(strides))
