# never checks p
# fails: p = 1.5 raises ValueError
# fails: p = -0.1 raises ValueError
import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x.clone()
        if self.p == 1:
            return torch.zeros_like(x)
        noise = torch.empty(x.shape[0], x.shape[1], 1, 1, dtype=x.dtype).bernoulli_(1 - self.p)
        return x * noise / (1 - self.p)
