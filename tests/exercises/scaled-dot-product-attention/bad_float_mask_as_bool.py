# treats every mask as a 0/1 keep-mask (the Hugging Face habit): a float mask is never added to the scores
# fails: a float mask is added to the scores
# fails: float32 with a float32 float mask stays float32
import math

import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if attn_mask is not None and is_causal:
        raise ValueError("attn_mask and is_causal")
    L, S = q.shape[-2], k.shape[-2]
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool).tril()
    if attn_mask is not None:
        scores = scores.masked_fill(attn_mask == 0, float("-inf"))
    dead = ~torch.isfinite(scores).any(-1, keepdim=True)
    weights = torch.softmax(scores.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)
    return weights @ v
