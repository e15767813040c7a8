# one coin for the whole batch (the paper's per-mini-batch drop); the contract tosses one per sample
# fails: one coin per sample, not one for the batch
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
        keep = (torch.rand(()) < self.p).to(x.dtype)
        return x + keep * self.residual(x)
