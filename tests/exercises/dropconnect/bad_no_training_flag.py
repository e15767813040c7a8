# F.dropout(self.weight, self.p) without training=self.training: F.dropout defaults to training=True, so eval drops too
# fails: eval mode is the plain layer x @ W.T + b
# fails: bias=False gives no bias parameter and y = x @ W.T
# fails: each weight is dropped or kept and scaled by 1 / (1 - p)
# fails: eval after training is still the plain layer (float64, the weights untouched)
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
        return F.linear(x, F.dropout(self.weight, self.p), self.bias)
