# torch.bernoulli gate shaped like x's batch; the decay written as p_L + (1 - l / L) * (1 - p_L)
import torch
from torch import nn


def survival_probability(l, L, p_L=0.5):
    if L < 1 or l < 0 or l > L:
        raise ValueError("need 0 <= l <= L and L >= 1")
    if not 0 <= p_L <= 1:
        raise ValueError("p_L must be a probability")
    return float(p_L + (1 - l / L) * (1 - p_L))


class StochasticDepth(nn.Module):
    def __init__(self, residual, p):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError("p must be a probability")
        self.residual, self.p = residual, p

    def forward(self, x):
        branch = self.residual(x)
        if not self.training:
            return x + self.p * branch
        gate = torch.bernoulli(torch.full((x.shape[0],) + (1,) * (x.dim() - 1), self.p, dtype=x.dtype))
        return x + gate * branch
