# never checks p
# fails: p = 1.5 raises ValueError
# fails: p = -0.2 raises ValueError
import torch
from torch import nn


def survival_probability(l, L, p_L=0.5):
    if L < 1 or not 0 <= l <= L or not 0 <= p_L <= 1:
        raise ValueError((l, L, p_L))
    return 1 - l / L * (1 - p_L)


class StochasticDepth(nn.Module):
    def __init__(self, residual, p):
        super().__init__()
        self.residual = residual
        self.p = p

    def forward(self, x):
        if not self.training:
            return x + self.p * self.residual(x)
        keep = (torch.rand(x.shape[0]) < self.p).to(x.dtype).view(-1, 1, 1, 1)
        return x + keep * self.residual(x)
