# tests p == 1 before the training flag: a module with p = 1 returns zeros in eval mode too
# fails: p = 1 in eval mode returns x's values
import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(p)
        self.p = p

    def forward(self, x):
        if self.p == 1:
            return torch.zeros_like(x)
        if not self.training or self.p == 0:
            return x.clone()
        keep = (torch.rand(x.shape[0], x.shape[1], 1, 1) >= self.p).to(x.dtype)
        return x * keep / (1 - self.p)
