# heads kept as (N, T, H, d) and contracted with einsum; torch.softmax with fully masked rows zeroed by torch.where
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        if embed_dim % num_heads:
            raise ValueError("embed_dim must be divisible by num_heads")
        self.h = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, query, key, value, attn_mask=None, is_causal=False):
        if is_causal and attn_mask is not None:
            raise ValueError("attn_mask and is_causal are exclusive")
        n, L, e = query.shape
        S = key.shape[1]
        d = e // self.h
        q = self.q_proj(query).reshape(n, L, self.h, d)
        k = self.k_proj(key).reshape(n, S, self.h, d)
        v = self.v_proj(value).reshape(n, S, self.h, d)
        scores = torch.einsum("nlhd,nshd->nhls", q, k) / d ** 0.5
        if is_causal:
            attn_mask = torch.arange(L)[:, None] >= torch.arange(S)
        if attn_mask is not None and attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        elif attn_mask is not None:
            scores = scores + attn_mask
        dead = torch.isneginf(scores).all(-1, keepdim=True)
        w = torch.where(dead, torch.zeros((), dtype=scores.dtype), torch.softmax(scores, -1))
        return self.out_proj(torch.einsum("nhls,nshd->nlhd", w, v).reshape(n, L, e))
