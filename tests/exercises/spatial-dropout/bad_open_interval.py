# validates p as an open interval: p = 0 and p = 1 raise instead of working
# fails: p = 0 returns x's values in training mode
# fails: p = 1 gives zeros, not nan
# fails: p = 1 in eval mode returns x's values
import torch
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0 < p < 1:
            raise ValueError(p)
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x.clone()
        if self.p == 1:
            return torch.zeros_like(x)
        noise = torch.empty(x.shape[0], x.shape[1], 1, 1, dtype=x.dtype).bernoulli_(1 - self.p)
        return x * noise / (1 - self.p)
