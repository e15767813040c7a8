# wraps the builtin F.dropout2d; p checked in __init__
import torch.nn.functional as F
from torch import nn


class SpatialDropout2d(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError("p must lie in [0, 1]")
        self.p = p

    def forward(self, x):
        return F.dropout2d(x, self.p, self.training)
