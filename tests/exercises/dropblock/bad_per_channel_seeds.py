# draws seeds per (n, c, h, w): every channel gets its own blocks
# fails: one mask per sample, shared by all its channels
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
        n, c, h, w = x.shape
        b = self.block_size
        gamma = self.drop_prob / b**2
        seeds = (torch.rand(n, c, h, w) < gamma).to(x.dtype)
        blocks = F.max_pool2d(seeds, b, stride=1, padding=b // 2)
        if b % 2 == 0:
            blocks = blocks[:, :, :-1, :-1]
        mask = 1 - blocks
        if mask.sum() == 0:
            return x * 0
        return x * mask * (mask.numel() / mask.sum())
