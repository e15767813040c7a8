# masks x in place (x.mul_): the caller's tensor is changed
# fails: x is not modified
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class DropBlock2d(nn.Module):
    def __init__(self, drop_prob=0.1, block_size=7):
        super().__init__()
        self.drop_prob = drop_prob
        self.block_size = block_size

    def _blocks(self, seeds):
        b = self.block_size
        blocks = F.max_pool2d(seeds[:, None], b, stride=1, padding=b // 2)
        if b % 2 == 0:
            blocks = blocks[:, :, :-1, :-1]
        return blocks[:, 0]

    def forward(self, x):
        if not self.training or self.drop_prob == 0:
            return x
        n, _, h, w = x.shape
        gamma = self.drop_prob / self.block_size**2
        mask = 1 - self._blocks((torch.rand(n, h, w) < gamma).to(x.dtype))
        if mask.sum() == 0:
            return x.zero_()
        return x.mul_(mask[:, None] * (mask.numel() / mask.sum()))
