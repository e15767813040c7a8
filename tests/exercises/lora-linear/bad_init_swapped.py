# Wrong: the initialisations swapped: lora_A zeros and lora_B random (the output still starts at base(x)).
# fails: lora_B starts at zeros (float32, like base)
# fails: lora_A starts random (not all zeros) with shape (r, in), in base's dtype
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
        self.lora_A = nn.Parameter(torch.zeros(r, base.in_features, dtype=weight.dtype, device=weight.device))
        self.lora_B = nn.Parameter(torch.empty(base.out_features, r, dtype=weight.dtype, device=weight.device))
        nn.init.kaiming_uniform_(self.lora_B, a=math.sqrt(5))

    def forward(self, x):
        return self.base(x) + self.scaling * (x @ self.lora_A.T @ self.lora_B.T)

    @torch.no_grad()
    def merge(self) -> nn.Linear:
        """A new nn.Linear computing what forward computes, with parameters of its own."""
        weight = self.base.weight
        merged = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None,
                           dtype=weight.dtype, device=weight.device)
        merged.weight.copy_(weight + self.scaling * (self.lora_B @ self.lora_A))
        if self.base.bias is not None:
            merged.bias.copy_(self.base.bias)
        return merged
