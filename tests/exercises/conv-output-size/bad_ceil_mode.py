# rounds up, like pooling with ceil_mode=True, instead of down
# fails: a stride longer than the input - 5 with a 1x1 kernel and stride 10 gives 1
# fails: ResNet stem - 224, 7x7, stride 2, padding 3 gives 112
# fails: stride 2 rounds down - 10 with a 3x3 kernel gives 4
# fails: 2x2 pooling with stride 2 on an odd size - 7 gives 3
# fails: size 2, 3x3, stride 2 (output floor(-1/2) + 1 = 0) raises ValueError
import math


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    out = math.ceil((size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
