# softmax over the query axis i instead of the key axis j
# fails: softmax over j of theta_i . phi_j weights g, then W(y) + x (8 channels, 4 inter, a 5x7 map)
# fails: inter_channels defaults to in_channels // 2 (6 -> 3)
# fails: a batch of 3 on a 4x3 map: each sample attends over its own positions only
# fails: inter_channels given (8 -> 3) is used
# fails: large scores (x of std 30): the softmax stays finite
# fails: float64, N = 1 on a 5x3 map; x is not modified
import torch
import torch.nn as nn


class NonLocalBlock(nn.Module):
    def __init__(self, in_channels, inter_channels=None):
        super().__init__()
        if inter_channels is None:
            inter_channels = max(in_channels // 2, 1)
        self.theta = nn.Conv2d(in_channels, inter_channels, 1)
        self.phi = nn.Conv2d(in_channels, inter_channels, 1)
        self.g = nn.Conv2d(in_channels, inter_channels, 1)
        self.W = nn.Conv2d(inter_channels, in_channels, 1)

    def forward(self, x):
        n, _, h, w = x.shape
        theta = self.theta(x).flatten(2).transpose(1, 2)  # (N, HW, C'): one query per position i
        phi = self.phi(x).flatten(2)  # (N, C', HW): one key per position j
        g = self.g(x).flatten(2).transpose(1, 2)  # (N, HW, C'): one value per position j
        attention = torch.softmax(theta @ phi, dim=1)  # (N, HW, HW), each row i sums to 1 over j
        y = (attention @ g).transpose(1, 2).reshape(n, -1, h, w)  # back to (N, C', H, W)
        return self.W(y) + x
