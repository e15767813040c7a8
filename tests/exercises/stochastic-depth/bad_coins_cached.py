# tosses the coins on the first call and keeps them: every later batch of that size keeps the same samples
# fails: called again, the same module tosses new coins
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
        self.keep = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x + self.p * self.residual(x)  # the expectation of the training output
        if self.keep is None or len(self.keep) != x.shape[0]:
            self.keep = torch.rand(x.shape[0]) < self.p  # tossed once per batch size, then reused
        keep = self.keep
        gate = keep.to(x.dtype).view(-1, *([1] * (x.dim() - 1)))
        return x + gate * self.residual(x)
