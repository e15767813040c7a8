# checks that the kernel fits the input but forgets that padding makes room
# fails: a kernel exactly as large as the padded input gives 1
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    if dilation * (kernel_size - 1) + 1 > size:
        raise ValueError("the kernel is larger than the input")
    return (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
