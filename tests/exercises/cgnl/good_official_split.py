# the original code's structure: bmm in the kernel, torch.split per group, one branch for groups == 1
import torch
import torch.nn as nn


class SpatialCGNL(nn.Module):
    def __init__(self, inplanes, planes, use_scale=False, groups=1):
        self.use_scale = use_scale
        self.groups = groups
        super(SpatialCGNL, self).__init__()
        self.t = nn.Conv2d(inplanes, planes, kernel_size=1, stride=1, bias=False)
        self.p = nn.Conv2d(inplanes, planes, kernel_size=1, stride=1, bias=False)
        self.g = nn.Conv2d(inplanes, planes, kernel_size=1, stride=1, bias=False)
        self.z = nn.Conv2d(planes, inplanes, kernel_size=1, stride=1, groups=self.groups, bias=False)
        self.gn = nn.GroupNorm(num_groups=self.groups, num_channels=inplanes)

    def kernel(self, t, p, g):
        b, c, h, w = t.size()
        t = t.reshape(b, 1, c * h * w)
        p = p.reshape(b, 1, c * h * w)
        g = g.reshape(b, c * h * w, 1)
        att = torch.bmm(p, g)
        if self.use_scale:
            att = att.div((c * h * w) ** 0.5)
        x = torch.bmm(att, t)
        return x.view(b, c, h, w)

    def forward(self, x):
        residual = x
        t, p, g = self.t(x), self.p(x), self.g(x)
        c = t.size(1)
        if self.groups and self.groups > 1:
            _c = int(c / self.groups)
            ts = torch.split(t, split_size_or_sections=_c, dim=1)
            ps = torch.split(p, split_size_or_sections=_c, dim=1)
            gs = torch.split(g, split_size_or_sections=_c, dim=1)
            x = torch.cat([self.kernel(ts[i], ps[i], gs[i]) for i in range(self.groups)], dim=1)
        else:
            x = self.kernel(t, p, g)
        x = self.z(x)
        return self.gn(x) + residual
