# takes the dilated kernel to span d * k pixels instead of d * (k - 1) + 1
# fails: dilation 2 with padding 2 keeps 32
# fails: dilation 2 without padding - 32 gives 28
# fails: dilation 3, stride 2, padding 1 - 17 gives 7
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    out = (size + 2 * padding - dilation * kernel_size) // stride + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
