# torch.where on a uniform draw of the weight's shape; nn.Linear's own reset_parameters for the init
import torch
from torch import nn


class DropConnectLinear(nn.Linear):
    def __init__(self, in_features, out_features, p=0.5, bias=True):
        if not (0.0 <= p <= 1.0):
            raise ValueError("p must be in [0, 1]")
        super().__init__(in_features, out_features, bias)
        self.p = p

    def forward(self, x):
        w = self.weight
        if self.training and self.p > 0:
            dropped = torch.rand(w.shape) < self.p
            w = torch.where(dropped, torch.zeros_like(w), w / (1 - self.p) if self.p < 1 else w)
        out = x @ w.T
        return out if self.bias is None else out + self.bias
