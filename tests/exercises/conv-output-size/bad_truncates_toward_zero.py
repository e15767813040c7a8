# int(a / s) truncates toward 0: floor(-0.5) is -1 but int(-0.5) is 0, so a kernel that does not fit gives 1
# fails: size 2, 3x3, stride 2 (output floor(-1/2) + 1 = 0) raises ValueError
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    out = int((size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
    if out < 1:
        raise ValueError("the kernel does not fit")
    return out
