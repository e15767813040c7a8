# fills masked scores with -1e9 instead of -inf: a fully masked row becomes a uniform average of v, not zeros
# fails: a query whose keys are all masked out gives zeros, not nan
# fails: gradients of q, k and v equal autograd through F.scaled_dot_product_attention (bool mask, a fully masked row)
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if attn_mask is not None and is_causal:
        raise ValueError("attn_mask and is_causal")
    L, S = q.shape[-2], k.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool).tril()
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, -1e9)
    elif attn_mask is not None:
        scores = scores + attn_mask
    return torch.softmax(scores, dim=-1) @ v
