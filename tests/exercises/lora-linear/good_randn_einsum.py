# Correct: lora_A from randn / sqrt(r), the update by einsum, merge through a fresh Linear's state_dict.
import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        if r < 1:
            raise ValueError("r must be >= 1")
        self.base = base
        self.base.weight.requires_grad = False
        if self.base.bias is not None:
            self.base.bias.requires_grad = False
        w = base.weight
        self.lora_A = nn.Parameter(torch.randn(r, base.in_features, dtype=w.dtype, device=w.device) / r ** 0.5)
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=w.dtype, device=w.device))
        self.scale = alpha / r

    def forward(self, x):
        low = torch.einsum("...i,ri->...r", x, self.lora_A)
        return self.base(x) + self.scale * torch.einsum("...r,or->...o", low, self.lora_B)

    def merge(self):
        base = self.base
        merged = nn.Linear(base.in_features, base.out_features, bias=base.bias is not None).to(base.weight.dtype)
        state = {"weight": (base.weight + self.scale * self.lora_B @ self.lora_A).detach().clone()}
        if base.bias is not None:
            state["bias"] = base.bias.detach().clone()
        merged.load_state_dict(state)
        return merged
