# torch.bernoulli mask, matmul by hand, bias registered as None when absent
import math

import torch
from torch import nn


class DropConnectLinear(nn.Module):
    def __init__(self, in_features, out_features, p=0.5, bias=True):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(f"p={p} is not a probability")
        self.p = p
        bound = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-bound, bound))
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).uniform_(-bound, bound))
        else:
            self.register_parameter("bias", None)

    def forward(self, x):
        w = self.weight
        if self.training and self.p > 0:
            keep = torch.bernoulli(torch.full_like(w, 1 - self.p))
            w = w * keep / (1 - self.p) if self.p < 1 else w * 0
        y = x.matmul(w.t())
        return y + self.bias if self.bias is not None else y
