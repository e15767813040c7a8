# reads the bool mask the nn.MultiheadAttention way (True = may NOT attend): the polarity is flipped
# fails: bool mask (L, S), True = may attend, broadcast over the batch
# fails: random bool mask (N, 1, L, S) broadcast over the heads
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
        scores = scores.masked_fill(torch.ones(L, S, dtype=torch.bool).triu(1), float("-inf"))
    elif attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = torch.softmax(scores, dim=-1).nan_to_num(0.0)
    return weights @ v
