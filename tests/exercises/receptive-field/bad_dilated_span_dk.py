# takes a dilated kernel to reach d * k - 1 more pixels instead of d * (k - 1)
# fails: 3x3 convs with dilation 1, 2, 4 see 15
# fails: a dilated conv after a stride-2 conv gives (11, 2)
# fails: a deep mixed stack of eight layers
# fails: returns a tuple of two Python ints (not a list, not numpy integers)
def receptive_field(layers):
    rf, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        if kernel_size < 1 or stride < 1 or dilation < 1:
            raise ValueError("kernel_size, stride and dilation must be at least 1")
        rf += (dilation * kernel_size - 1) * jump
        jump *= stride
    return rf, jump
