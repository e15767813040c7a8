# backward from one output pixel: r_in = s * (r_out - 1) + d * (k - 1) + 1, layer by layer toward the input
def receptive_field(layers):
    layers = [tuple(layer) for layer in layers]
    for k, s, d in layers:
        if k < 1 or s < 1 or d < 1:
            raise ValueError("kernel_size, stride and dilation must be positive")
    rf, jump = 1, 1
    for k, s, d in reversed(layers):
        rf = s * (rf - 1) + d * (k - 1) + 1
        jump *= s
    return rf, jump
