# rebuilds the conv with kernel size and padding only
# fails: keeps stride 2, padding 2 and dilation 2
import torch
import torch.nn as nn


def fuse_conv_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> nn.Conv2d:
    # BN in eval mode: y = gamma * (z - mean) / sqrt(var + eps) + beta, with z = W * x + b.
    # Always the running statistics, whatever bn.training says; a new module, conv and bn untouched.
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size,
                      padding=conv.padding, groups=conv.groups, bias=True,
                      padding_mode=conv.padding_mode, device=conv.weight.device, dtype=conv.weight.dtype)
    with torch.no_grad():
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        conv_bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        fused.weight.copy_(conv.weight * scale.reshape(-1, 1, 1, 1))
        fused.bias.copy_((conv_bias - bn.running_mean) * scale + bn.bias)
    return fused
