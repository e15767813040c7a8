# rebuilds the conv with the "usual" padding kernel_size // 2 instead of conv.padding
# fails: keeps padding 'same' with dilation 2
# fails: keeps stride 2, padding 2 and dilation 2
import torch
from torch import nn


def fuse_conv_bn(conv, bn):
    k = conv.kernel_size
    fused = nn.Conv2d(conv.in_channels, conv.out_channels, k, stride=conv.stride, padding=(k[0] // 2, k[1] // 2),
                      dilation=conv.dilation, groups=conv.groups, padding_mode=conv.padding_mode)
    with torch.no_grad():
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        fused.weight.copy_(conv.weight * scale.view(-1, 1, 1, 1))
        fused.bias.copy_((bias - bn.running_mean) * scale + bn.bias)
    return fused
