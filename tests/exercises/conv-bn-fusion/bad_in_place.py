# folds BN into the conv it was given and returns that very conv
# fails: returns a new Conv2d, not conv itself
# fails: conv and bn are not modified (parameters, buffers, training flag)
import torch
import torch.nn as nn


def fuse_conv_bn(conv, bn):
    with torch.no_grad():
        scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        bias = conv.bias if conv.bias is not None else torch.zeros_like(bn.running_mean)
        conv.weight.mul_(scale.reshape(-1, 1, 1, 1))
        conv.bias = nn.Parameter((bias - bn.running_mean) * scale + bn.bias)
    return conv
