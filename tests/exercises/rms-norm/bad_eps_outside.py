# Wrong: eps added outside the square root.
# fails: eps=0.1 goes inside the square root
# fails: the default eps is 1e-6 (inputs of size 1e-3)
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x / (x.pow(2).mean(-1, keepdim=True).sqrt() + self.eps) * self.weight
