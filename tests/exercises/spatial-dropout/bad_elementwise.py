# element-wise dropout (noise of x's full shape): single pixels dropped, not channels
# fails: whole channels are dropped, never single pixels
# fails: about a fraction p of the channels is dropped
# fails: N = 1 with a 3x2 map, float64: whole channels dropped
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
        noise = torch.empty_like(x).bernoulli_(1 - self.p)
        return x * noise / (1 - self.p)
