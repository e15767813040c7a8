# one 2x2 rotation matrix per (position, pair), applied with einsum
import math

import torch


def apply_rope(x, positions, base=10000.0):
    *lead, L, D = x.shape
    if D % 2 == 1:
        raise ValueError(f"odd feature dim {D}")
    exponent = torch.arange(D // 2, dtype=torch.float64) * (-2.0 / D)
    theta = torch.exp(exponent * math.log(base)).to(x.dtype)
    angle = positions.to(x.dtype).unsqueeze(-1) * theta  # (L, D/2)
    c, s = angle.cos(), angle.sin()
    rot = torch.stack([torch.stack([c, -s], -1), torch.stack([s, c], -1)], -2)  # (L, D/2, 2, 2)
    pairs = x.reshape(*lead, L, D // 2, 2)
    return torch.einsum("lpij,...lpj->...lpi", rot, pairs).reshape(x.shape)
