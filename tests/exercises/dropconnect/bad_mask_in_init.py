# draws the mask once in __init__: every forward call of a layer drops the same weights
# fails: called again, the same layer draws a new mask
import math

import torch
import torch.nn.functional as F
from torch import nn


class DropConnectLinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, p: float = 0.5, bias: bool = True):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.in_features, self.out_features, self.p = in_features, out_features, p
        self.weight = nn.Parameter(torch.empty(out_features, in_features))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        bound = 1 / math.sqrt(in_features)  # nn.Linear's U(-1/sqrt(in), 1/sqrt(in))
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)
        self.mask = torch.rand(out_features, in_features) >= p  # drawn once, with the weights

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        weight = self.weight
        if self.training and self.p > 0:
            if self.p == 1:
                weight = torch.zeros_like(weight)
            else:
                weight = weight * self.mask / (1 - self.p)  # the bias is never dropped
        return F.linear(x, weight, self.bias)
