# draws the mask on the first call and keeps it: every later call drops the same channels
# fails: called again, the same module draws new channels
import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(p)
        self.p = p
        self.mask = None

    def forward(self, x):
        if not self.training or self.p == 0:
            return x.clone()
        if self.p == 1:
            return torch.zeros_like(x)
        if self.mask is None or self.mask.shape[:2] != x.shape[:2]:
            self.mask = (torch.rand(x.shape[0], x.shape[1], 1, 1) >= self.p).to(x.dtype) / (1 - self.p)
        return x * self.mask
