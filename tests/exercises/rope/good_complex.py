# pairs as complex numbers x[2i] + i x[2i+1], multiplied by e^{i m theta_i} (the RoFormer / LLaMA-reference way)
import torch


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    if d % 2:
        raise ValueError("D must be even")
    theta = 1.0 / base ** (torch.arange(0, d, 2, dtype=x.dtype) / d)
    angles = torch.outer(positions.to(x.dtype), theta)
    rotor = torch.polar(torch.ones_like(angles), angles)
    pairs = torch.view_as_complex(x.reshape(*x.shape[:-1], d // 2, 2).contiguous())
    return torch.view_as_real(pairs * rotor).reshape(x.shape)
