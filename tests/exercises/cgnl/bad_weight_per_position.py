# sums over the channels only: one weight per position, not one scalar per sample
# fails: kernel: att = sum of p * g over (c, H, W), one per sample, times t
# fails: kernel with use_scale: att / sqrt(c * H * W), c the group's channels (2 of planes 4)
# fails: forward, groups = 1: gn(z(kernel(t(x), p(x), g(x)))) + x
# fails: forward, groups = 2: one att per group of planes / groups channels, grouped z and GN
# fails: forward with use_scale and groups = 4
# fails: kernel with N = 1 (one sample, a 3x5 map)
# fails: forward in float64, N = 1, a 5x3 map, groups = 2; x is not modified
import torch
import torch.nn as nn


class SpatialCGNL(nn.Module):
    def __init__(self, inplanes, planes, use_scale=False, groups=1):
        super().__init__()
        self.use_scale = use_scale
        self.groups = groups
        self.t = nn.Conv2d(inplanes, planes, 1, bias=False)  # theta
        self.p = nn.Conv2d(inplanes, planes, 1, bias=False)  # phi
        self.g = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.z = nn.Conv2d(planes, inplanes, 1, groups=groups, bias=False)
        self.gn = nn.GroupNorm(groups, inplanes)

    def kernel(self, t, p, g):
        """Dot-product kernel over every (channel, position) of one group: att * t, att a scalar per sample.

        sum_j (t_i . p_j) g_j = t_i * (p . g): by associativity the (CHW x CHW) matrix is never built.
        """
        n, c, h, w = t.shape
        att = (p * g).sum(dim=1, keepdim=True)  # (N, 1, H, W)
        if self.use_scale:
            att = att / (c * h * w) ** 0.5
        return att * t

    def forward(self, x):
        t, p, g = self.t(x), self.p(x), self.g(x)
        size = t.shape[1] // self.groups  # channels per group
        chunks = zip(t.split(size, 1), p.split(size, 1), g.split(size, 1))
        y = torch.cat([self.kernel(ti, pi, gi) for ti, pi, gi in chunks], dim=1)
        return self.gn(self.z(y)) + x
