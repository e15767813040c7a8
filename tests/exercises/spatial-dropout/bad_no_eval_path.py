# never looks at self.training: drops channels in eval mode too
# fails: eval mode returns x's values
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
        if self.p == 0:
            return x.clone()
        if self.p == 1:
            return torch.zeros_like(x)
        noise = torch.empty(x.shape[0], x.shape[1], 1, 1, dtype=x.dtype).bernoulli_(1 - self.p)
        return x * noise / (1 - self.p)
