import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    """softmax(q @ k^T / sqrt(E) + bias) @ v over the last two dims, any leading dims.

    attn_mask: bool (True = may attend) or float (added to the scores), broadcastable to (..., L, S).
    is_causal: query i attends to keys j <= i (top-left aligned). A fully masked row gives zeros.
    """
    if attn_mask is not None and is_causal:
        raise ValueError("give attn_mask or is_causal, not both")
    L, S, E = q.shape[-2], k.shape[-2], q.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(E)
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool, device=q.device).tril()
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        else:
            scores = scores + attn_mask
    # a stable softmax that gives zeros, not 0/0, for a row where every score is -inf
    row_max = scores.amax(dim=-1, keepdim=True).detach()
    row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))
    weights = torch.exp(scores - row_max)
    total = weights.sum(dim=-1, keepdim=True)
    weights = weights / torch.where(total > 0, total, torch.ones_like(total))
    return weights @ v
