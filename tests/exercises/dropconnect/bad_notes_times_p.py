# the notes' DropConnectConv2D: self.dropout(self.weight) * self.p, so kept weights are W * p / (1 - p)
# (right only for p = 0.5) and p = 0 zeroes every weight
# fails: each weight is dropped or kept and scaled by 1 / (1 - p)
# fails: p = 0 in training is the plain layer
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
        self.dropout = nn.Dropout(p)
        bound = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-bound, bound))
        self.bias = nn.Parameter(torch.empty(out_features).uniform_(-bound, bound)) if bias else None

    def forward(self, x):
        weight = self.dropout(self.weight) * self.p if self.training else self.weight
        return F.linear(x, weight, self.bias)
