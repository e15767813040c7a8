# softmax written as exp(f) / sum exp(f) without subtracting the maximum: large scores overflow to inf, then nan
# fails: large scores (x of std 30): the softmax stays finite
import torch
import torch.nn as nn


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
        theta = self.theta(x).flatten(2).transpose(1, 2)  # (N, HW, C'): one query per position i
        phi = self.phi(x).flatten(2)  # (N, C', HW): one key per position j
        g = self.g(x).flatten(2).transpose(1, 2)  # (N, HW, C'): one value per position j
        scores = torch.exp(theta @ phi)  # softmax by hand, without subtracting the row maximum
        attention = scores / scores.sum(dim=-1, keepdim=True)
        y = (attention @ g).transpose(1, 2).reshape(n, -1, h, w)  # back to (N, C', H, W)
        return self.W(y) + x
