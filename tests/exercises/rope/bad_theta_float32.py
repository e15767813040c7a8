# torch.arange(0, D, 2) / D is float32 (the default dtype): theta is too coarse for large positions in float64
# fails: positions up to 1e5 in float64
import torch


def apply_rope(x, positions, base=10000.0):
    """Rotary position embedding, interleaved pairs (x[..., 2i], x[..., 2i+1]) as in RoFormer.

    x (..., L, D) with D even, positions (L,) integers. Pair i at position m is rotated by the angle
    m * theta_i, theta_i = base ** (-2i / D). Same shape and dtype; x is not modified.
    """
    D = x.shape[-1]
    if D % 2 != 0:
        raise ValueError(f"the last dim must be even, got {D}")
    theta = 1.0 / base ** (torch.arange(0, D, 2) / D)
    angles = positions.to(x.dtype)[:, None] * theta  # (L, D/2)
    cos, sin = torch.cos(angles), torch.sin(angles)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = torch.stack([even * cos - odd * sin, even * sin + odd * cos], dim=-1)  # (..., L, D/2, 2)
    return out.flatten(-2)
