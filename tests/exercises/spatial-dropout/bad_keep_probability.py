# takes p as the keep probability: drops with 1 - p and scales by 1 / p
# fails: about a fraction p of the channels is dropped
# fails: kept channels are scaled by 1 / (1 - p)
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
        noise = torch.empty(x.shape[0], x.shape[1], 1, 1, dtype=x.dtype).bernoulli_(self.p)
        return x * noise / self.p
