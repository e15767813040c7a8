# F.dropout applied to the weight matrix (it already scales by 1 / (1 - p)); nn.Linear's own init
import math

import torch
import torch.nn.functional as F
from torch import nn


class DropConnectLinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, p: float = 0.5, bias: bool = True):
        super().__init__()
        if p < 0.0 or p > 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p = p
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))  # what nn.Linear does: U(-1/sqrt(in), 1/sqrt(in))
        if self.bias is not None:
            nn.init.uniform_(self.bias, -1 / math.sqrt(in_features), 1 / math.sqrt(in_features))

    def forward(self, x):
        return F.linear(x, F.dropout(self.weight, self.p, self.training), self.bias)
