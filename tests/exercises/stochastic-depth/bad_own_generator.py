# a private torch.Generator(): always the same default seed, so every call tosses the same coins
# fails: the coins come from the global RNG, new at every call
# fails: called again, the same module tosses new coins
# fails: the number of samples keeping the branch varies (a coin per sample)
import torch
from torch import nn


def survival_probability(l, L, p_L=0.5):
    if L < 1 or not 0 <= l <= L or not 0 <= p_L <= 1:
        raise ValueError((l, L, p_L))
    return 1 - l / L * (1 - p_L)


class StochasticDepth(nn.Module):
    def __init__(self, residual, p):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(p)
        self.residual = residual
        self.p = p

    def forward(self, x):
        if not self.training:
            return x + self.p * self.residual(x)
        keep = (torch.rand(x.shape[0], generator=torch.Generator()) < self.p).to(x.dtype).view(-1, 1, 1, 1)
        return x + keep * self.residual(x)
