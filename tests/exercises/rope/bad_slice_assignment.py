# writes the rotated pairs back into x with slice assignment: the caller's tensor is rotated in place
# fails: x and positions are not modified
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
    even, odd = x[..., 0::2], x[..., 1::2]
    x[..., 0::2], x[..., 1::2] = even * cos - odd * sin, even * sin + odd * cos
    return x
