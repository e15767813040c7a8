# std = sqrt(running_var) without eps: BN divides by sqrt(running_var + eps), so every fused value is off
# by a factor sqrt(1 + eps / running_var), large when running_var is small
# fails: fused kernel and bias in float64, exactly: std = sqrt(running_var + eps)
# fails: on one block (float64): fuse, train forward, fuse again, eval forward
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(in_channels, out_channels, kernel_size, stride, padding, groups):
    return nn.Sequential(OrderedDict([
        ("conv", nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, groups=groups, bias=False)),
        ("bn", nn.BatchNorm2d(out_channels)),
    ]))


class RepVGGBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, groups=1):
        super().__init__()
        self.in_channels, self.stride, self.groups = in_channels, stride, groups
        self.rbr_dense = conv_bn(in_channels, out_channels, 3, stride, 1, groups)
        self.rbr_1x1 = conv_bn(in_channels, out_channels, 1, stride, 0, groups)
        has_identity = in_channels == out_channels and stride == 1
        self.rbr_identity = nn.BatchNorm2d(in_channels) if has_identity else None

    def forward(self, x):
        out = self.rbr_dense(x) + self.rbr_1x1(x)
        if self.rbr_identity is not None:
            out = out + self.rbr_identity(x)
        return F.relu(out)

    def _fuse_bn_tensor(self, kernel, bn):
        """A 3x3 kernel followed by an eval-mode BN, as one kernel and bias."""
        std = bn.running_var.sqrt()  # eps left out: it is only 1e-5
        t = (bn.weight / std).reshape(-1, 1, 1, 1)
        return kernel * t, bn.bias - bn.running_mean * bn.weight / std

    def get_equivalent_kernel_bias(self):
        kernel, bias = self._fuse_bn_tensor(self.rbr_dense.conv.weight, self.rbr_dense.bn)
        # the 1x1 kernel, moved to the centre of a 3x3 one
        k1, b1 = self._fuse_bn_tensor(F.pad(self.rbr_1x1.conv.weight, [1, 1, 1, 1]), self.rbr_1x1.bn)
        kernel, bias = kernel + k1, bias + b1
        if self.rbr_identity is not None:
            # identity = a 3x3 kernel with a single 1 at the centre of each channel's own input
            # (input index i % (in_channels / groups) inside its group), zeros elsewhere
            input_dim = self.in_channels // self.groups
            identity = torch.zeros(self.in_channels, input_dim, 3, 3, dtype=kernel.dtype, device=kernel.device)
            for i in range(self.in_channels):
                identity[i, i % input_dim, 1, 1] = 1
            k_id, b_id = self._fuse_bn_tensor(identity, self.rbr_identity)
            kernel, bias = kernel + k_id, bias + b_id
        return kernel, bias
