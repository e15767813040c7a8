# einsum over named axes: i, j positions, c inter channels
import torch
import torch.nn as nn


class NonLocalBlock(nn.Module):
    def __init__(self, in_channels, inter_channels=None):
        super().__init__()
        inter = inter_channels if inter_channels is not None else max(1, in_channels // 2)
        self.theta = nn.Conv2d(in_channels, inter, kernel_size=1)
        self.phi = nn.Conv2d(in_channels, inter, kernel_size=1)
        self.g = nn.Conv2d(in_channels, inter, kernel_size=1)
        self.W = nn.Conv2d(inter, in_channels, kernel_size=1)

    def forward(self, x):
        n, _, h, w = x.shape
        t = self.theta(x).reshape(n, -1, h * w)
        p = self.phi(x).reshape(n, -1, h * w)
        v = self.g(x).reshape(n, -1, h * w)
        a = torch.einsum("nci,ncj->nij", t, p).softmax(dim=2)
        y = torch.einsum("nij,ncj->nci", a, v).reshape(n, -1, h, w)
        return x + self.W(y)
