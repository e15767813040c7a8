# always uses in_channels // 2 (the paper's choice), ignoring the inter_channels argument
# fails: inter_channels given (8 -> 3) is used
# fails: float64, N = 1 on a 5x3 map; x is not modified
import torch
import torch.nn as nn


class NonLocalBlock(nn.Module):
    def __init__(self, in_channels, inter_channels=None):
        super().__init__()
        inter_channels = in_channels // 2  # the paper's choice, whatever the argument says
        self.theta = nn.Conv2d(in_channels, inter_channels, 1)
        self.phi = nn.Conv2d(in_channels, inter_channels, 1)
        self.g = nn.Conv2d(in_channels, inter_channels, 1)
        self.W = nn.Conv2d(inter_channels, in_channels, 1)

    def forward(self, x):
        n, _, h, w = x.shape
        theta = self.theta(x).flatten(2).transpose(1, 2)  # (N, HW, C'): one query per position i
        phi = self.phi(x).flatten(2)  # (N, C', HW): one key per position j
        g = self.g(x).flatten(2).transpose(1, 2)  # (N, HW, C'): one value per position j
        attention = torch.softmax(theta @ phi, dim=-1)  # (N, HW, HW), each row i sums to 1 over j
        y = (attention @ g).transpose(1, 2).reshape(n, -1, h, w)  # back to (N, C', H, W)
        return self.W(y) + x
