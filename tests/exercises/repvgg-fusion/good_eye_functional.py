# the identity kernel from an identity matrix repeated per group; BN folded through F.batch_norm
# in eval form (rsqrt); forward through F.conv2d with each branch's weights
import torch
import torch.nn as nn
import torch.nn.functional as F


class _ConvBN(nn.Sequential):
    def __init__(self, cin, cout, k, stride, groups):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False)
        self.bn = nn.BatchNorm2d(cout)


def _fold(kernel, bn):
    inv_std = torch.rsqrt(bn.running_var + bn.eps)
    scale = bn.weight * inv_std
    return kernel * scale[:, None, None, None], bn.bias - bn.running_mean * scale


class RepVGGBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, groups=1):
        super().__init__()
        self.stride, self.groups = stride, groups
        self.rbr_dense = _ConvBN(in_channels, out_channels, 3, stride, groups)
        self.rbr_1x1 = _ConvBN(in_channels, out_channels, 1, stride, groups)
        self.rbr_identity = None
        if in_channels == out_channels and stride == 1:
            self.rbr_identity = nn.BatchNorm2d(in_channels)

    def forward(self, x):
        d = self.rbr_dense.bn(F.conv2d(x, self.rbr_dense.conv.weight, None, self.stride, 1, 1, self.groups))
        o = self.rbr_1x1.bn(F.conv2d(x, self.rbr_1x1.conv.weight, None, self.stride, 0, 1, self.groups))
        s = d + o
        if self.rbr_identity is not None:
            s = s + self.rbr_identity(x)
        return s.clamp_min(0)

    def get_equivalent_kernel_bias(self):
        w3 = self.rbr_dense.conv.weight
        k, b = _fold(w3, self.rbr_dense.bn)
        w1 = torch.zeros_like(w3)
        w1[:, :, 1:2, 1:2] = self.rbr_1x1.conv.weight
        k1, b1 = _fold(w1, self.rbr_1x1.bn)
        k, b = k + k1, b + b1
        if self.rbr_identity is not None:
            _c, per_group = w3.shape[0], w3.shape[1]
            eye = torch.eye(per_group, dtype=w3.dtype).repeat(self.groups, 1)  # (c, c / groups)
            ident = torch.zeros_like(w3)
            ident[:, :, 1, 1] = eye
            ki, bi = _fold(ident, self.rbr_identity)
            k, b = k + ki, b + bi
        return k, b
