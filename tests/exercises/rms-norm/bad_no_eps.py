# Wrong: eps stored but never used: an all-zero row divides 0 by 0.
# fails: an all-zero row gives zeros, not nan
# fails: eps=0.1 goes inside the square root
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x / x.pow(2).mean(-1, keepdim=True).sqrt() * self.weight
