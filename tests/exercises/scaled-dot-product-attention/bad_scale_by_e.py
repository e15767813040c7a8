# divides the scores by E instead of sqrt(E)
# fails: 3-D (N, L, E), no mask: softmax(q k^T / sqrt(E)) v
# fails: 4-D (N, H, L, E) with Ev != E: the scale is sqrt(E) of q and k
# fails: 2-D q, k, v (no leading dims), L != S
# fails: is_causal=True: query i attends to keys j <= i
# fails: float32 in, float32 out (with is_causal)
# fails: gradients of q, k and v with is_causal (float32)
import torch


def scaled_dot_product_attention(q, k, v, attn_mask=None, is_causal=False):
    if attn_mask is not None and is_causal:
        raise ValueError("attn_mask and is_causal")
    L, S, E = q.shape[-2], k.shape[-2], q.shape[-1]
    scores = q @ k.transpose(-2, -1) / E
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool).tril()
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    elif attn_mask is not None:
        scores = scores + attn_mask
    weights = torch.softmax(scores, dim=-1)
    return torch.where(weights.isnan(), torch.zeros_like(weights), weights) @ v
