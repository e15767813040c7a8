# flattens the batch into the positions: every sample attends over the positions of the whole batch
# fails: a batch of 3 on a 4x3 map: each sample attends over its own positions only
# fails: softmax over j of theta_i . phi_j weights g, then W(y) + x (8 channels, 4 inter, a 5x7 map)
# fails: inter_channels defaults to in_channels // 2 (6 -> 3)
# fails: inter_channels given (8 -> 3) is used
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
        rows = lambda t: t.permute(0, 2, 3, 1).reshape(n * h * w, -1)  # (N*HW, C')
        theta, phi, g = rows(self.theta(x)), rows(self.phi(x)), rows(self.g(x))
        y = torch.softmax(theta @ phi.T, dim=-1) @ g
        y = y.reshape(n, h, w, -1).permute(0, 3, 1, 2)
        return self.W(y) + x
