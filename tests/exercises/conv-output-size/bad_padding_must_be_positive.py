# checks every argument against 1, padding too, so the default padding 0 is rejected
# fails: defaults (stride 1, padding 0, dilation 1) - 32 with a 3x3 kernel gives 30
# fails: stride 2 rounds down - 10 with a 3x3 kernel gives 4
# fails: 2x2 pooling with stride 2 on an odd size - 7 gives 3
# fails: dilation 2 without padding - 32 gives 28
# fails: returns a Python int (not a float or a numpy integer)
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(size, kernel_size, stride, padding, dilation) < 1:
        raise ValueError("every argument must be at least 1")
    out = (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
