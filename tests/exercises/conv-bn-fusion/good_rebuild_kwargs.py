# rebuilds the conv from its own settings, folds BN with rsqrt, writes the weights through .data
import torch
from torch import nn


def fuse_conv_bn(conv, bn):
    settings = {name: getattr(conv, name) for name in ("stride", "padding", "dilation", "groups", "padding_mode")}
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, bias=True, **settings)
    fused = fused.to(conv.weight.dtype)
    inv_std = torch.rsqrt(bn.running_var + bn.eps)
    scale = (bn.weight * inv_std).detach()
    bias = conv.bias.detach() if conv.bias is not None else torch.zeros_like(bn.running_mean)
    fused.weight.data = conv.weight.detach() * scale[:, None, None, None]
    fused.bias.data = bn.bias.detach() + (bias - bn.running_mean) * scale
    return fused
