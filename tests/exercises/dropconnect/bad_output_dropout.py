# drops the outputs (plain dropout after the layer), not the weights: the bias is dropped with them
# fails: each weight is dropped or kept and scaled by 1 / (1 - p)
# fails: the bias is never dropped or scaled
# fails: p = 1 in training drops every weight, y = bias, not nan
# fails: about a fraction p of the weights is dropped
# fails: one mask per call, shared by every row of the batch
# fails: a coin per weight: no row or column shares one, the count varies
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
        return F.dropout(F.linear(x, self.weight, self.bias), self.p, self.training)
