# guards against zeros (a division by zero, an empty input) but lets negative values through
# fails: kernel_size -1 raises ValueError
# fails: stride -1 raises ValueError (even where the formula gives 1)
# fails: dilation -2 raises ValueError
# fails: size -3 raises ValueError (even when padding would make room)
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    if 0 in (size, kernel_size, stride, dilation):
        raise ValueError("size, kernel_size, stride and dilation must not be 0")
    if padding < 0:
        raise ValueError("negative padding")
    out = (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
    if out < 1:
        raise ValueError(f"output size {out}")
    return out
