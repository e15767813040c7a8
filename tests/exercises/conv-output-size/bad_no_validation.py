# the formula only, no checks: nonsense sizes come back, and stride 0 is a ZeroDivisionError
# fails: kernel_size 0 raises ValueError
# fails: stride 0 raises ValueError
# fails: dilation 0 raises ValueError
# fails: negative padding raises ValueError
# fails: size 0 raises ValueError (even when padding would make room)
# fails: a 5x5 kernel on size 3 (output -1) raises ValueError
# fails: size 2, 3x3, stride 2 (output floor(-1/2) + 1 = 0) raises ValueError
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    return (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
