# deep-copies the conv (keeps every setting), computes the new weights in float64, casts back
import copy

import torch
import torch.nn as nn


def fuse_conv_bn(conv, bn):
    fused = copy.deepcopy(conv)
    w = conv.weight.detach().double()
    b = conv.bias.detach().double() if conv.bias is not None else torch.zeros(conv.out_channels, dtype=torch.float64)
    inv_std = (bn.running_var.double() + bn.eps).rsqrt()
    gamma, beta, mean = bn.weight.detach().double(), bn.bias.detach().double(), bn.running_mean.double()
    new_w = torch.einsum("oihw,o->oihw", w, gamma * inv_std)
    new_b = beta + gamma * inv_std * (b - mean)
    fused.weight = nn.Parameter(new_w.to(conv.weight.dtype))
    fused.bias = nn.Parameter(new_b.to(conv.weight.dtype))
    return fused
