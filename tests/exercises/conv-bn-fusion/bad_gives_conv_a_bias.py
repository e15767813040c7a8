# gives a bias-free conv a zero bias in place before copying it: the caller's conv gains a parameter
# fails: a conv without bias gets the bias beta - gamma * mean / std
import copy

import torch
from torch import nn


def fuse_conv_bn(conv, bn):
    if conv.bias is None:
        conv.bias = nn.Parameter(torch.zeros(conv.out_channels, dtype=conv.weight.dtype))
    fused = copy.deepcopy(conv)
    with torch.no_grad():
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        fused.weight.mul_(scale.view(-1, 1, 1, 1))
        fused.bias.copy_((fused.bias - bn.running_mean) * scale + bn.bias)
    return fused
