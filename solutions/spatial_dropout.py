"""Reference: spatial dropout for (N, C, H, W) maps: whole channels dropped, survivors scaled (as nn.Dropout2d)."""

import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0:
            return x.clone()
        if self.p == 1:
            return torch.zeros_like(x)
        noise = x.new_empty(x.shape[0], x.shape[1], 1, 1)  # one draw per (sample, channel)
        noise.bernoulli_(1 - self.p).div_(1 - self.p)
        return x * noise  # broadcast over H and W
