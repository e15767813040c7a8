# einsum for the products, torch.softmax, and torch.where to turn fully masked rows into zeros
import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if is_causal and attn_mask is not None:
        raise ValueError("attn_mask and is_causal are mutually exclusive")
    L, S = q.shape[-2], k.shape[-2]
    scores = torch.einsum("...le,...se->...ls", q, k) * q.shape[-1] ** -0.5
    if is_causal:
        attn_mask = torch.arange(L)[:, None] >= torch.arange(S)[None, :]
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(attn_mask.logical_not(), float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    dead = torch.isneginf(scores).all(dim=-1, keepdim=True)
    weights = torch.softmax(scores, dim=-1)
    weights = torch.where(dead, torch.zeros((), dtype=weights.dtype), weights)
    return torch.einsum("...ls,...sv->...lv", weights, v)
