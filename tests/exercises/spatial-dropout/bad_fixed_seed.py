# torch.manual_seed(0) inside forward, "for reproducibility": every call drops the same channels
# fails: the channels dropped come from the global RNG, new at every call
# fails: called again, the same module draws new channels
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
        torch.manual_seed(0)
        noise = torch.empty(x.shape[0], x.shape[1], 1, 1, dtype=x.dtype).bernoulli_(1 - self.p)
        return x * noise / (1 - self.p)
