# keeps the branch for exactly round(p * N) random samples: the rate is right, but the samples do not get
# independent coins
# fails: the number of samples keeping the branch varies (a coin per sample)
import torch
from torch import nn


def survival_probability(l: int, L: int, p_L: float = 0.5) -> float:
    if L < 1 or not 0 <= l <= L or not 0.0 <= p_L <= 1.0:
        raise ValueError(f"need 0 <= l <= L, L >= 1 and p_L in [0, 1]; got l={l}, L={L}, p_L={p_L}")
    return 1.0 - l / L * (1.0 - p_L)


class StochasticDepth(nn.Module):
    def __init__(self, residual: nn.Module, p: float):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.residual = residual
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x + self.p * self.residual(x)  # the expectation of the training output
        n = x.shape[0]
        keep = torch.zeros(n, dtype=torch.bool)
        keep[torch.randperm(n)[:round(self.p * n)]] = True  # exactly p * N samples keep the branch
        gate = keep.to(x.dtype).view(-1, *([1] * (x.dim() - 1)))
        return x + gate * self.residual(x)
