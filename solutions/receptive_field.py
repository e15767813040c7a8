"""Reference: the receptive field and jump of a stack of conv/pool layers."""


def receptive_field(layers) -> tuple[int, int]:
    rf, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        if kernel_size < 1 or stride < 1 or dilation < 1:
            raise ValueError(f"kernel_size, stride and dilation must be at least 1, got {(kernel_size, stride, dilation)}")
        rf += dilation * (kernel_size - 1) * jump  # the layer's reach, in input pixels
        jump *= stride
    return rf, jump
