# Wrong: normalises x in place to save memory (the caller's tensor changes).
# fails: x is not modified
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        scale = torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        if x.requires_grad:
            return x * scale * self.weight
        return x.mul_(scale).mul_(self.weight)
