# draws the channel mask from numpy's global generator (cast to x's dtype); the contract says torch's RNG,
# so torch.manual_seed does not repeat the draw
# fails: the channels dropped come from the global RNG, new at every call
# fails: called again, the same module draws new channels
import numpy as np
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
        keep = np.random.binomial(1, 1 - self.p, size=(x.shape[0], x.shape[1], 1, 1))
        return x * torch.from_numpy(keep).to(x.dtype) / (1 - self.p)
