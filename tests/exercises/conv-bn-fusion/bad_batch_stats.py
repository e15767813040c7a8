# lets BatchNorm decide: in training mode it uses (and updates) batch statistics, so the fused conv is
# computed from a calibration pass instead of the running statistics
# fails: bn in training mode still fuses with its running statistics
# fails: conv and bn are not modified (parameters, buffers, training flag)
import torch
import torch.nn as nn


def fuse_conv_bn(conv, bn):
    with torch.no_grad():
        z = conv(torch.randn(8, conv.in_channels, 8, 8))
        if bn.training:
            bn(z)  # updates running_mean / running_var with a batch: the caller's bn changes
            mean, var = z.mean(dim=(0, 2, 3)), z.var(dim=(0, 2, 3), unbiased=False)
        else:
            mean, var = bn.running_mean, bn.running_var
        scale = bn.weight / torch.sqrt(var + bn.eps)
        fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride, conv.padding,
                          conv.dilation, conv.groups, True, conv.padding_mode)
        fused.weight.copy_(conv.weight * scale.reshape(-1, 1, 1, 1))
        b = conv.bias if conv.bias is not None else torch.zeros_like(mean)
        fused.bias.copy_((b - mean) * scale + bn.bias)
    return fused
