# no causal mask at all: right for one new token, but in a prefill or a chunk a token sees the tokens after it
# fails: prefill: 5 tokens into an empty cache equal causal self-attention
# fails: prefill 4 tokens, then 3 single-token steps: every step equals the last row of full causal attention
# fails: a chunk of 3 tokens after 2 cached ones: token t sees the cache and the new tokens up to t
import math

import torch
import torch.nn as nn


class KVCacheAttention(nn.Module):
    """Causal multi-head self-attention that decodes step by step with a key/value cache (batch first)."""

    def __init__(self, embed_dim, num_heads):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError(f"embed_dim {embed_dim} is not divisible by num_heads {num_heads}")
        self.embed_dim, self.num_heads, self.head_dim = embed_dim, num_heads, embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)
        self.reset()

    def reset(self):
        """Empty the cache: the next forward starts a new sequence."""
        self.k_cache = None  # (N, H, P, d), plain attributes: not in the state_dict
        self.v_cache = None

    def _heads(self, x):
        n, t, _ = x.shape
        return x.view(n, t, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, x):
        """x (N, T, E): the next T tokens. Returns (N, T, E); token t sees the cache and the new tokens up to t."""
        n, T, _ = x.shape
        q, k, v = self._heads(self.q_proj(x)), self._heads(self.k_proj(x)), self._heads(self.v_proj(x))
        if self.k_cache is not None:
            k = torch.cat([self.k_cache, k], dim=2)
            v = torch.cat([self.v_cache, v], dim=2)
        self.k_cache, self.v_cache = k, v
        S = k.shape[2]  # P + T
        P = S - T
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)  # (N, H, T, P + T)
        # new token t is at absolute position P + t: it sees keys j <= P + t (a bottom-right aligned mask)
        allowed = torch.ones(T, S, dtype=torch.bool, device=x.device).tril(diagonal=P)
        weights = torch.softmax(scores, dim=-1)  # every row sees at least its own key
        out = (weights @ v).transpose(1, 2).reshape(n, T, self.embed_dim)
        return self.out_proj(out)
