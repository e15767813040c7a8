"""Reference: the output size of a convolution or pooling layer, as torch.nn.Conv2d computes it."""


def conv_output_size(size: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    if kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("kernel_size, stride and dilation must be at least 1")
    if padding < 0:
        raise ValueError("padding must be at least 0")
    if size < 1:
        raise ValueError("size must be at least 1")
    out = (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1  # // floors, also below 0
    if out < 1:
        raise ValueError(f"the output would be {out} pixels: the kernel does not fit")
    return out
