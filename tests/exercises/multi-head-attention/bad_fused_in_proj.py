# one fused in_proj Linear(E, 3E), as nn.MultiheadAttention stores it: the state_dict names differ from the contract's
# fails: self-attention, 4 heads of 4, float32, train mode: equals nn.MultiheadAttention
# fails: cross-attention (S = 7, L = 5), eval mode
# fails: num_heads = 1: one head of size E
# fails: bias=False: q_proj, k_proj, v_proj, out_proj without biases
import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    """Batch-first multi-head attention with separate q, k, v and output projections (no dropout)."""

    def __init__(self, embed_dim, num_heads, bias=True):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError(f"embed_dim {embed_dim} is not divisible by num_heads {num_heads}")
        self.embed_dim, self.num_heads, self.head_dim = embed_dim, num_heads, embed_dim // num_heads
        self.in_proj = nn.Linear(embed_dim, 3 * embed_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def _heads(self, x):
        """(N, T, E) -> (N, H, T, E // H)."""
        n, t, _ = x.shape
        return x.view(n, t, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, query, key, value, attn_mask=None, is_causal=False):
        if attn_mask is not None and is_causal:
            raise ValueError("give attn_mask or is_causal, not both")
        n, L, _ = query.shape
        S = key.shape[1]
        w_q, w_k, w_v = self.in_proj.weight.chunk(3)
        b_q, b_k, b_v = self.in_proj.bias.chunk(3) if self.in_proj.bias is not None else (None, None, None)
        q = self._heads(torch.nn.functional.linear(query, w_q, b_q))
        k = self._heads(torch.nn.functional.linear(key, w_k, b_k))
        v = self._heads(torch.nn.functional.linear(value, w_v, b_v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)  # (N, H, L, S)
        if is_causal:
            attn_mask = torch.ones(L, S, dtype=torch.bool, device=query.device).tril()
        if attn_mask is not None:
            if attn_mask.dtype == torch.bool:
                scores = scores.masked_fill(~attn_mask, float("-inf"))
            else:
                scores = scores + attn_mask
        row_max = scores.amax(dim=-1, keepdim=True).detach()
        row_max = torch.where(torch.isfinite(row_max), row_max, torch.zeros_like(row_max))
        weights = torch.exp(scores - row_max)
        total = weights.sum(dim=-1, keepdim=True)
        weights = weights / torch.where(total > 0, total, torch.ones_like(total))  # a fully masked row: zeros
        out = (weights @ v).transpose(1, 2).reshape(n, L, self.embed_dim)  # heads concatenated in order
        return self.out_proj(out)
