# new tokens processed one at a time: each is appended to per-token lists of keys and values and then attends
# to everything in the cache, so no mask is needed at all
import torch
import torch.nn as nn


class KVCacheAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError(f"{embed_dim} is not a multiple of {num_heads}")
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)
        self.past_keys, self.past_values = [], []

    def reset(self):
        self.past_keys, self.past_values = [], []

    def forward(self, x):
        n, t, e = x.shape
        d = e // self.num_heads
        split = lambda y: y.view(n, self.num_heads, d)  # noqa: E731  (one token: (N, E) -> (N, H, d))
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        outputs = []
        for i in range(t):
            self.past_keys.append(split(k[:, i]))
            self.past_values.append(split(v[:, i]))
            keys = torch.stack(self.past_keys, dim=2)  # (N, H, S, d)
            values = torch.stack(self.past_values, dim=2)
            scores = torch.einsum("nhd,nhsd->nhs", split(q[:, i]), keys) * d ** -0.5
            outputs.append(torch.einsum("nhs,nhsd->nhd", scores.softmax(-1), values).reshape(n, e))
        return self.out_proj(torch.stack(outputs, dim=1))
