# divides by the variance, not the standard deviation
# fails: fused(x) equals bn(conv(x)) in eval mode (3x3 conv with bias, padding 1)
# fails: a conv without bias gets the bias beta - gamma * mean / std
# fails: bn in training mode still fuses with its running statistics
# fails: uses bn.eps inside the square root (eps = 0.5)
import torch
import torch.nn as nn


def fuse_conv_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> nn.Conv2d:
    # BN in eval mode: y = gamma * (z - mean) / sqrt(var + eps) + beta, with z = W * x + b.
    # Always the running statistics, whatever bn.training says; a new module, conv and bn untouched.
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, stride=conv.stride,
                      padding=conv.padding, dilation=conv.dilation, groups=conv.groups, bias=True,
                      padding_mode=conv.padding_mode, device=conv.weight.device, dtype=conv.weight.dtype)
    with torch.no_grad():
        scale = bn.weight / (bn.running_var + bn.eps)
        conv_bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        fused.weight.copy_(conv.weight * scale.reshape(-1, 1, 1, 1))
        fused.bias.copy_((conv_bias - bn.running_mean) * scale + bn.bias)
    return fused
