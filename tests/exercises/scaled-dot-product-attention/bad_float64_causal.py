# builds the causal bias in float64: adding it to float32 scores promotes the output to float64
# fails: float32 in, float32 out (with is_causal)
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if attn_mask is not None and is_causal:
        raise ValueError("attn_mask and is_causal")
    L, S = q.shape[-2], k.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if is_causal:
        scores = scores + torch.full((L, S), float("-inf"), dtype=torch.float64).triu(1)
    elif attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    dead = ~torch.isfinite(scores).any(-1, keepdim=True)
    weights = torch.softmax(scores.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)
    return weights @ v
