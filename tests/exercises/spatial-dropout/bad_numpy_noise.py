# a float64 numpy mask turns float32 input into float64
# fails: float32 in, float32 out, same shape
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
        noise = torch.from_numpy(np.random.binomial(1, 1 - self.p, size=(x.shape[0], x.shape[1], 1, 1)).astype(np.float64))
        return x * noise / (1 - self.p)
