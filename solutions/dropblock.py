"""Reference: DropBlock (Ghiasi et al., 2018) as the contract states it: gamma = drop_prob / block_size**2."""

import torch
import torch.nn.functional as F
from torch import nn


class DropBlock2d(nn.Module):
    def __init__(self, drop_prob: float = 0.1, block_size: int = 7):
        super().__init__()
        self.drop_prob = drop_prob
        self.block_size = block_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.drop_prob == 0:
            return x
        gamma = self.drop_prob / self.block_size**2
        seeds = (torch.rand(x.shape[0], *x.shape[2:]) < gamma).to(x.dtype)  # one seed map per sample
        mask = 1 - self._block_mask(seeds)  # 1 where kept, shape (N, H, W)
        kept = mask.sum()
        if kept == 0:
            return x * 0  # everything dropped: zeros, not 0 / 0
        return x * mask[:, None, :, :] * (mask.numel() / kept)

    def _block_mask(self, seeds: torch.Tensor) -> torch.Tensor:
        blocks = F.max_pool2d(seeds[:, None], kernel_size=self.block_size, stride=1, padding=self.block_size // 2)
        if self.block_size % 2 == 0:
            blocks = blocks[:, :, :-1, :-1]  # an even kernel with padding b // 2 gives one extra row and column
        return blocks[:, 0]
