# never checks l, L or p_L
# fails: survival_probability with l > L raises ValueError
# fails: survival_probability with p_L = 1.5 raises ValueError
# fails: survival_probability with L = 0 raises ValueError
# fails: survival_probability with l = -1 raises ValueError
# fails: survival_probability with p_L = -0.5 raises ValueError
import torch
from torch import nn


def survival_probability(l, L, p_L=0.5):
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
        keep = (torch.rand(x.shape[0]) < self.p).to(x.dtype).view(-1, 1, 1, 1)
        return x + keep * self.residual(x)
