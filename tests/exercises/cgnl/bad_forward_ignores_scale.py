# forward computes att inline for all groups and forgets use_scale there (kernel() has it)
# fails: forward with use_scale and groups = 4
# fails: forward in float64, N = 1, a 5x3 map, groups = 2; x is not modified
import math

import torch
import torch.nn as nn


class SpatialCGNL(nn.Module):
    def __init__(self, inplanes, planes, use_scale=False, groups=1):
        super().__init__()
        self.use_scale, self.groups = use_scale, groups
        self.t = nn.Conv2d(inplanes, planes, kernel_size=1, bias=False)
        self.p = nn.Conv2d(inplanes, planes, kernel_size=1, bias=False)
        self.g = nn.Conv2d(inplanes, planes, kernel_size=1, bias=False)
        self.z = nn.Conv2d(planes, inplanes, kernel_size=1, groups=groups, bias=False)
        self.gn = nn.GroupNorm(num_groups=groups, num_channels=inplanes)

    def kernel(self, t, p, g):
        att = torch.einsum("nchw,nchw->n", p, g)
        if self.use_scale:
            att = att / math.sqrt(t[0].numel())
        return att.view(-1, 1, 1, 1) * t

    def forward(self, x):
        n, _, h, w = x.shape
        grouped = lambda conv: conv(x).view(n, self.groups, -1, h, w)
        t, p, g = grouped(self.t), grouped(self.p), grouped(self.g)
        att = torch.einsum("nkchw,nkchw->nk", p, g)  # use_scale only in kernel(): forgotten here
        y = (att[:, :, None, None, None] * t).view(n, -1, h, w)
        return x + self.gn(self.z(y))
