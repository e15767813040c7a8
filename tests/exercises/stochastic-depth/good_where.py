# torch.where between the two outcomes, the branch computed only when some sample keeps it
import torch
from torch import nn


def survival_probability(l: int, L: int, p_L: float = 0.5) -> float:
    if not (L >= 1 and 0 <= l <= L and 0.0 <= p_L <= 1.0):
        raise ValueError(f"bad arguments l={l}, L={L}, p_L={p_L}")
    return 1.0 - (l / L) * (1.0 - p_L)


class StochasticDepth(nn.Module):
    def __init__(self, residual: nn.Module, p: float):
        super().__init__()
        if not (0.0 <= p <= 1.0):
            raise ValueError(f"p={p}")
        self.residual = residual
        self.p = p

    def forward(self, x):
        if not self.training:
            return x + self.p * self.residual(x)
        keep = torch.rand(x.size(0)) < self.p
        if not keep.any():
            return x.clone()
        shape = (-1,) + (1,) * (x.dim() - 1)
        return torch.where(keep.view(shape), x + self.residual(x), x)
