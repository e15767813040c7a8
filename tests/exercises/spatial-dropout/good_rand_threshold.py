# a uniform draw per (n, c) compared with p, torch.where for p == 1, cast to x's dtype
import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        if not (0.0 <= p <= 1.0):
            raise ValueError(f"bad p {p}")
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0.0:
            return x.clone()
        n, c = x.shape[:2]
        keep = (torch.rand(n, c) >= self.p).to(x.dtype).view(n, c, 1, 1)
        scale = 0.0 if self.p == 1.0 else 1.0 / (1.0 - self.p)
        return x * keep * scale
