# Correct: F.linear twice (x A^T, then B), merge by deepcopy of the base and an addition under no_grad.
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        if not r >= 1:
            raise ValueError(f"r = {r}")
        self.base = base.requires_grad_(False)
        self.r, self.alpha = r, alpha
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features, dtype=base.weight.dtype))
        nn.init.normal_(self.lora_A, std=0.02)
        self.lora_B = nn.Parameter(base.weight.new_zeros(base.out_features, r))

    def forward(self, x):
        return self.base(x) + F.linear(F.linear(x, self.lora_A), self.lora_B) * (self.alpha / self.r)

    def merge(self):
        merged = copy.deepcopy(self.base)
        with torch.no_grad():
            merged.weight += (self.alpha / self.r) * (self.lora_B @ self.lora_A)
        merged.requires_grad_(True)
        return merged
