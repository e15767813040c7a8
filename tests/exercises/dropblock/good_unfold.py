# blocks from F.unfold over an asymmetrically padded seed map; seeds with torch.bernoulli
import torch
import torch.nn.functional as F
from torch import nn


class DropBlock2d(nn.Module):
    def __init__(self, drop_prob=0.1, block_size=7):
        super().__init__()
        self.drop_prob = drop_prob
        self.block_size = block_size

    def forward(self, x):
        if not self.training or self.drop_prob == 0:
            return x
        n, _, h, w = x.shape
        b = self.block_size
        gamma = self.drop_prob / b**2
        seeds = torch.bernoulli(torch.full((n, 1, h, w), gamma))
        before, after = b // 2, b - 1 - b // 2  # max-pool padding b // 2, minus the cropped end when b is even
        padded = F.pad(seeds, (before, after, before, after))
        windows = F.unfold(padded, kernel_size=b)  # (n, b*b, h*w)
        dropped = windows.amax(dim=1).view(n, 1, h, w)
        mask = 1 - dropped
        total = mask.sum()
        if total == 0:
            return torch.zeros_like(x)
        return x * mask * (mask.numel() / total)
