# Wrong: the RMS is detached (treated as a constant), so the gradient of x misses its term.
# fails: float32 (2, 5, 8) - values, float32 output and the gradient of x
# fails: float64 module and input (3, 7) - values and the gradient of x
# fails: statistics over the last dim only, 4-D input (2, 3, 4, 6)
# fails: eps=0.1 goes inside the square root
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        with torch.no_grad():
            rms = torch.sqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)
        return x / rms * self.weight
