# takes the scale from v's last dim (Ev) instead of q's and k's (E)
# fails: 4-D (N, H, L, E) with Ev != E: the scale is sqrt(E) of q and k
# fails: 2-D q, k, v (no leading dims), L != S
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if attn_mask is not None and is_causal:
        raise ValueError("attn_mask and is_causal")
    L, S, d = q.shape[-2], k.shape[-2], v.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool).tril()
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    dead = ~torch.isfinite(scores).any(-1, keepdim=True)
    weights = torch.softmax(scores.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)
    return weights @ v
