# the cache as non-persistent buffers of projected (N, P, E) keys and values, split into heads at every step;
# the mask compares absolute positions: query P + t sees key j when j <= P + t
import math

import torch
from torch import nn


class KVCacheAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        if embed_dim % num_heads:
            raise ValueError("num_heads must divide embed_dim")
        self.h = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)
        self.register_buffer("keys", torch.empty(0), persistent=False)
        self.register_buffer("values", torch.empty(0), persistent=False)

    def reset(self):
        self.keys = torch.empty(0)
        self.values = torch.empty(0)

    def forward(self, x):
        n, t, e = x.shape
        k, v = self.k_proj(x), self.v_proj(x)
        if self.keys.numel():
            k, v = torch.cat([self.keys, k], 1), torch.cat([self.values, v], 1)
        self.keys, self.values = k, v
        s, d = k.shape[1], e // self.h
        past = s - t
        q = self.q_proj(x).reshape(n, t, self.h, d).permute(0, 2, 1, 3)
        k = k.reshape(n, s, self.h, d).permute(0, 2, 3, 1)  # (N, H, d, S)
        v = v.reshape(n, s, self.h, d).permute(0, 2, 1, 3)
        scores = torch.matmul(q, k) / math.sqrt(d)
        visible = torch.arange(s)[None, :] <= torch.arange(past, past + t)[:, None]
        weights = scores.masked_fill(~visible, float("-inf")).softmax(-1)
        return self.out_proj(torch.matmul(weights, v).permute(0, 2, 1, 3).reshape(n, t, e))
