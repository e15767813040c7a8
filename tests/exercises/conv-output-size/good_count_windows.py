# counts the window positions one by one
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, size) < 1 or padding < 0:
        raise ValueError("invalid arguments")
    span = dilation * (kernel_size - 1) + 1
    count, start = 0, 0
    while start + span <= size + 2 * padding:
        count += 1
        start += stride
    if count == 0:
        raise ValueError("the kernel does not fit")
    return count
