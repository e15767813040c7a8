# the cache lists are class attributes: every KVCacheAttention instance appends to the same lists
# fails: two modules never share a cache
import math

import torch
import torch.nn as nn


class KVCacheAttention(nn.Module):
    """Causal multi-head self-attention that decodes step by step with a key/value cache (batch first)."""

    keys = []
    values = []

    def __init__(self, embed_dim, num_heads):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError(f"embed_dim {embed_dim} is not divisible by num_heads {num_heads}")
        self.embed_dim, self.num_heads, self.head_dim = embed_dim, num_heads, embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def reset(self):
        """Empty the cache: the next forward starts a new sequence."""
        self.keys.clear()
        self.values.clear()

    def _heads(self, x):
        n, t, _ = x.shape
        return x.view(n, t, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, x):
        """x (N, T, E): the next T tokens. Returns (N, T, E); token t sees the cache and the new tokens up to t."""
        n, T, _ = x.shape
        q, k, v = self._heads(self.q_proj(x)), self._heads(self.k_proj(x)), self._heads(self.v_proj(x))
        self.keys.append(k)
        self.values.append(v)
        k, v = torch.cat(self.keys, dim=2), torch.cat(self.values, dim=2)
        S = k.shape[2]  # P + T
        P = S - T
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)  # (N, H, T, P + T)
        # new token t is at absolute position P + t: it sees keys j <= P + t (a bottom-right aligned mask)
        allowed = torch.ones(T, S, dtype=torch.bool, device=x.device).tril(diagonal=P)
        scores = scores.masked_fill(~allowed, float("-inf"))
        weights = torch.softmax(scores, dim=-1)  # every row sees at least its own key
        out = (weights @ v).transpose(1, 2).reshape(n, T, self.embed_dim)
        return self.out_proj(out)
