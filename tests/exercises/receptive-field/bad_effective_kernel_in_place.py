# rewrites each layer's kernel size as the effective (dilated) one in the caller's lists
# fails: layers is not modified
# fails: layers as a list of tuples
def receptive_field(layers):
    rf, jump = 1, 1
    for layer in layers:
        if min(layer) < 1:
            raise ValueError("kernel_size, stride and dilation must be at least 1")
        layer[0] = layer[2] * (layer[0] - 1) + 1
        rf += (layer[0] - 1) * jump
        jump *= layer[1]
    return rf, jump
