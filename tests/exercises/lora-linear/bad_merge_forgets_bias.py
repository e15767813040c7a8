# Wrong: merge() copies the weight but leaves the new Linear's random bias.
# fails: merge() of a trained layer - W + (alpha / r) * lora_B @ lora_A, base's bias, and forward's output
import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """forward(x) = base(x) + (alpha / r) * x @ lora_A^T @ lora_B^T; base frozen, lora_B starts at zero."""

    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        if r < 1:
            raise ValueError(f"the rank r must be at least 1, got {r}")
        self.base = base
        for parameter in self.base.parameters():
            parameter.requires_grad_(False)
        self.r = r
        self.alpha = alpha
        self.scaling = alpha / r
        weight = base.weight
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features, dtype=weight.dtype, device=weight.device))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=weight.dtype, device=weight.device))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))  # as nn.Linear initialises its weight

    def forward(self, x):
        return self.base(x) + self.scaling * (x @ self.lora_A.T @ self.lora_B.T)

    @torch.no_grad()
    def merge(self) -> nn.Linear:
        """A new nn.Linear computing what forward computes, with parameters of its own."""
        weight = self.base.weight
        merged = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None,
                           dtype=weight.dtype, device=weight.device)
        merged.weight.copy_(weight + self.scaling * (self.lora_B @ self.lora_A))
        return merged
