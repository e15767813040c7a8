# uses the kernel size as if dilation were 1
# fails: dilation 2 with padding 2 keeps 32
# fails: dilation 2 without padding - 32 gives 28
# fails: dilation 3, stride 2, padding 1 - 17 gives 7
# fails: dilation 0 raises ValueError
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    out = (size + 2 * padding - kernel_size) // stride + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
