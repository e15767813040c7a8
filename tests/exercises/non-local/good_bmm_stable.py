# bmm and a softmax by hand, stable: the row maximum is subtracted before exp
import torch
from torch import nn


class NonLocalBlock(nn.Module):
    def __init__(self, in_channels, inter_channels=None):
        super().__init__()
        if inter_channels is None:
            inter_channels = in_channels // 2
        self.theta = nn.Conv2d(in_channels, inter_channels, 1)
        self.phi = nn.Conv2d(in_channels, inter_channels, 1)
        self.g = nn.Conv2d(in_channels, inter_channels, 1)
        self.W = nn.Conv2d(inter_channels, in_channels, 1)

    def forward(self, x):
        n, _, h, w = x.shape
        q = self.theta(x).reshape(n, -1, h * w).permute(0, 2, 1)
        k = self.phi(x).reshape(n, -1, h * w)
        v = self.g(x).reshape(n, -1, h * w)
        f = torch.bmm(q, k)
        f = f - f.max(dim=2, keepdim=True).values
        a = f.exp()
        a = a / a.sum(dim=2, keepdim=True)
        y = torch.bmm(v, a.transpose(1, 2))  # y[:, :, i] = sum_j a[i, j] v[:, j]
        return self.W(y.reshape(n, -1, h, w)) + x
