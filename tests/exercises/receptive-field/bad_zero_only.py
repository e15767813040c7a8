# only guards against the division-like zero case: == 0 instead of < 1, so negative values are accepted
# fails: a negative kernel_size in the last layer raises ValueError
# fails: a negative stride raises ValueError
# fails: a negative dilation raises ValueError
def receptive_field(layers):
    rf, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        if 0 in (kernel_size, stride, dilation):
            raise ValueError("kernel_size, stride and dilation must be non-zero")
        rf += dilation * (kernel_size - 1) * jump
        jump *= stride
    return rf, jump
