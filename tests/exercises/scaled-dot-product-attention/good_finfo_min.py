# masked scores set to the dtype's most negative finite number, then rows with no allowed key multiplied by 0
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if attn_mask is not None and is_causal:
        raise ValueError("either attn_mask or is_causal")
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.size(-1))
    allowed = None
    if is_causal:
        allowed = torch.ones(q.size(-2), k.size(-2), dtype=torch.bool).tril_()
    elif attn_mask is not None and attn_mask.dtype == torch.bool:
        allowed = attn_mask
    elif attn_mask is not None:
        scores = scores + attn_mask
    if allowed is not None:
        scores = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min)
    weights = scores.softmax(dim=-1)
    if allowed is not None:
        weights = weights * allowed.any(dim=-1, keepdim=True).to(weights.dtype)
    return torch.matmul(weights, v)
