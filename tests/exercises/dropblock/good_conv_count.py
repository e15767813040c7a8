# counts seeds under each window with a conv of ones; rescales with mask.mean(); numpy-free, torch.rand seeds
import torch
import torch.nn.functional as F
from torch import nn


class DropBlock2d(nn.Module):
    def __init__(self, drop_prob: float = 0.1, block_size: int = 7):
        super().__init__()
        self.drop_prob, self.block_size = drop_prob, block_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.drop_prob == 0 or not self.training:
            return x
        b = self.block_size
        seeds = (torch.rand(x.size(0), 1, x.size(2), x.size(3)) < self.drop_prob / (b * b)).to(x.dtype)
        count = F.conv2d(seeds, torch.ones(1, 1, b, b, dtype=x.dtype), padding=b // 2)
        if b % 2 == 0:
            count = count[:, :, :-1, :-1]
        keep = (count == 0).to(x.dtype)
        share = keep.mean()
        return x * keep / share if share > 0 else x * 0
