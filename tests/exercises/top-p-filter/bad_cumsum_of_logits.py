# Wrong: accumulates the sorted logits instead of the softmax probabilities.
# fails: float64 logits (6, 20), top_p = 0.6
import torch


def top_p_filter(logits: torch.Tensor, top_p: float) -> torch.Tensor:
    """logits (..., V) with every token outside the nucleus set to -inf.

    Per row, tokens sorted by decreasing probability (ties: lower index first) are kept while the
    probability of the tokens before them is < top_p; the top token is always kept; top_p == 1 keeps all.
    """
    if not 0 < top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {top_p}")
    if top_p == 1:
        return logits.clone()
    probs = logits
    sorted_probs, order = torch.sort(probs, dim=-1, descending=True, stable=True)
    cumulative = torch.cumsum(sorted_probs, dim=-1)
    before = torch.cat([torch.zeros_like(cumulative[..., :1]), cumulative[..., :-1]], dim=-1)
    keep_sorted = before < top_p
    keep_sorted[..., 0] = True
    keep = torch.zeros_like(keep_sorted).scatter(-1, order, keep_sorted)
    return logits.masked_fill(~keep, float("-inf"))
