# torch.bernoulli on a (N, C, 1, 1) tensor of keep probabilities, in x's dtype; p == 1 handled by the scale
import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError("p must lie in [0, 1]")
        self.p = float(p)

    def forward(self, x):
        if not self.training or self.p == 0.0:
            return x.clone()
        keep = torch.bernoulli(torch.full((x.size(0), x.size(1), 1, 1), 1.0 - self.p, dtype=x.dtype))
        scale = 1.0 / (1.0 - self.p) if self.p < 1.0 else 0.0
        return x * (keep * scale)
