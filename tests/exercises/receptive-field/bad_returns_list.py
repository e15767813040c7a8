# right numbers, but returned as a list [rf, jump] instead of the tuple (rf, jump)
# fails: returns a tuple of two Python ints (not a list, not numpy integers)
def receptive_field(layers):
    rf, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        if min(kernel_size, stride, dilation) < 1:
            raise ValueError("kernel_size, stride and dilation must be at least 1")
        rf += dilation * (kernel_size - 1) * jump
        jump *= stride
    return [rf, jump]
