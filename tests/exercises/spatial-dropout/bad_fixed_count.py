# drops exactly round(p * C) channels of every sample (a random permutation): the rate is right, but the
# channels are not dropped independently, each with its own coin
# fails: the number of channels a sample loses varies (a coin per channel)
import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(p)
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x.clone()
        if self.p == 1:
            return torch.zeros_like(x)
        n, c = x.shape[:2]
        drop = round(self.p * c)
        mask = torch.ones(n, c, 1, 1, dtype=x.dtype)
        for i in range(n):
            mask[i, torch.randperm(c)[:drop]] = 0
        return x * mask / (1 - self.p)
