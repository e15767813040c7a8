# one att over all planes, even with groups > 1
# fails: forward, groups = 2: one att per group of planes / groups channels, grouped z and GN
# fails: forward with use_scale and groups = 4
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
        att = torch.bmm(p.reshape(n, 1, c * h * w), g.reshape(n, c * h * w, 1))  # (N, 1, 1)
        if self.use_scale:
            att = att / (c * h * w) ** 0.5
        return (att * t.reshape(n, 1, c * h * w)).reshape(n, c, h, w)

    def forward(self, x):
        t, p, g = self.t(x), self.p(x), self.g(x)
        y = self.kernel(t, p, g)
        return self.gn(self.z(y)) + x
