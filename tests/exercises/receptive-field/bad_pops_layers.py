# consumes the caller's list with pop(0)
# fails: layers is not modified
def receptive_field(layers):
    rf, jump = 1, 1
    while layers:
        kernel_size, stride, dilation = layers.pop(0)
        if kernel_size < 1 or stride < 1 or dilation < 1:
            raise ValueError("kernel_size, stride and dilation must be at least 1")
        rf += dilation * (kernel_size - 1) * jump
        jump *= stride
    return rf, jump
