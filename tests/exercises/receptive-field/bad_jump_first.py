# multiplies the jump by the layer's own stride before growing the field
# fails: ResNet stem - 7x7/2 conv then 3x3/2 pool gives (11, 4)
# fails: conv 3x3, pool 2x2/2, conv 3x3, pool 2x2/2 gives (10, 4)
# fails: a dilated conv after a stride-2 conv gives (11, 2)
# fails: the last layer's stride counts in the jump
# fails: a deep mixed stack of eight layers
# fails: returns a tuple of two Python ints (not a list, not numpy integers)
def receptive_field(layers):
    rf, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        if kernel_size < 1 or stride < 1 or dilation < 1:
            raise ValueError("kernel_size, stride and dilation must be at least 1")
        jump *= stride
        rf += dilation * (kernel_size - 1) * jump
    return rf, jump
