# no checks: a zero stride or kernel gives nonsense silently
# fails: kernel_size 0 raises ValueError
# fails: stride 0 raises ValueError
# fails: dilation 0 raises ValueError
def receptive_field(layers):
    rf, jump = 1, 1
    for kernel_size, stride, dilation in layers:
        rf += dilation * (kernel_size - 1) * jump
        jump *= stride
    return rf, jump
