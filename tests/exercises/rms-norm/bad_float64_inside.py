# Wrong: computes in float64 for accuracy and returns float64 for a float32 input.
# fails: float32 (2, 5, 8) - values, float32 output and the gradient of x
# fails: large inputs (|x| up to 1e4) in float32
# fails: an all-zero row gives zeros, not nan
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        x = x.double()
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight.double()
