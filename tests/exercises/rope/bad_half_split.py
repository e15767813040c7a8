# pairs dim i with dim i + D/2 (Hugging Face's rotate_half layout) instead of the interleaved (2i, 2i+1)
# fails: (L, D) = (6, 8), positions 0..5
# fails: (N, H, L, D) with arbitrary positions below 1000
# fails: base = 500 sets theta_i = 500 ** (-2i / D)
# fails: float32 in, float32 out (positions up to 100)
import torch


def apply_rope(x, positions, base=10000.0):
    """Rotary position embedding, interleaved pairs (x[..., 2i], x[..., 2i+1]) as in RoFormer.

    x (..., L, D) with D even, positions (L,) integers. Pair i at position m is rotated by the angle
    m * theta_i, theta_i = base ** (-2i / D). Same shape and dtype; x is not modified.
    """
    D = x.shape[-1]
    if D % 2 != 0:
        raise ValueError(f"the last dim must be even, got {D}")
    i = torch.arange(D // 2, dtype=x.dtype, device=x.device)
    theta = base ** (-2 * i / D)  # (D/2,)
    angles = positions.to(x.dtype)[:, None] * theta  # (L, D/2)
    cos, sin = torch.cos(angles), torch.sin(angles)
    first, second = x[..., : D // 2], x[..., D // 2 :]
    return torch.cat([first * cos - second * sin, first * sin + second * cos], dim=-1)
