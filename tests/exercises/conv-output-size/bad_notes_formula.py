# the notes' formula: floor((H + 2p - d(k-1)) / s) + 1, without the -1
# fails: defaults (stride 1, padding 0, dilation 1) - 32 with a 3x3 kernel gives 30
# fails: 3x3 with padding 1 keeps 32
# fails: ResNet stem - 224, 7x7, stride 2, padding 3 gives 112
# fails: stride 2 rounds down - 10 with a 3x3 kernel gives 4
# fails: 2x2 pooling with stride 2 on an odd size - 7 gives 3
# fails: dilation 2 with padding 2 keeps 32
# fails: dilation 2 without padding - 32 gives 28
# fails: padding wider than the kernel - 5 with a 1x1 kernel and padding 2 gives 9
# fails: returns a Python int (not a float or a numpy integer)
# fails: size 2, 3x3, stride 2 (output floor(-1/2) + 1 = 0) raises ValueError
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    out = (size + 2 * padding - dilation * (kernel_size - 1)) // stride + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
