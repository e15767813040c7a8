# a loop over the heads: head h takes columns [h*d, (h+1)*d) of the projections; torch.cat puts them back in order
import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError(f"{embed_dim} % {num_heads} != 0")
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        for name in ("q_proj", "k_proj", "v_proj", "out_proj"):
            setattr(self, name, nn.Linear(embed_dim, embed_dim, bias=bias))

    @staticmethod
    def _attend(q, k, v, allowed, bias):
        scores = q @ k.transpose(1, 2) / math.sqrt(q.shape[-1])
        if bias is not None:
            scores = scores + bias
        if allowed is not None:
            scores = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min)
            return torch.softmax(scores, -1) * allowed.any(-1, keepdim=True) @ v
        return torch.softmax(scores, -1) @ v

    def forward(self, query, key, value, attn_mask=None, is_causal=False):
        if attn_mask is not None and is_causal:
            raise ValueError("attn_mask together with is_causal")
        L, S = query.shape[1], key.shape[1]
        allowed = bias = None
        if is_causal:
            allowed = torch.ones(L, S, dtype=torch.bool).tril()
        elif attn_mask is not None and attn_mask.dtype == torch.bool:
            allowed = attn_mask
        elif attn_mask is not None:
            bias = attn_mask
        q, k, v = self.q_proj(query), self.k_proj(key), self.v_proj(value)
        heads = []
        for h in range(self.num_heads):
            cols = slice(h * self.head_dim, (h + 1) * self.head_dim)
            heads.append(self._attend(q[..., cols], k[..., cols], v[..., cols], allowed, bias))
        return self.out_proj(torch.cat(heads, dim=-1))
