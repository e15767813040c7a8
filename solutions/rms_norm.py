"""RMSNorm (Zhang & Sennrich, 2019): LayerNorm without the mean and without the bias."""

import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    """y = x / sqrt(mean(x**2 over the last dim) + eps) * weight."""

    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        mean_square = x.pow(2).mean(dim=-1, keepdim=True)
        return x * torch.rsqrt(mean_square + self.eps) * self.weight
