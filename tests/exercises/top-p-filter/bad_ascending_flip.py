# Wrong: sorts ascending and flips, so equal probabilities come higher index first.
# fails: equal probabilities: the lower index comes first (logits [1, 2, 2, 0], top_p 0.3)
import torch


def top_p_filter(logits, top_p):
    if not 0 < top_p <= 1:
        raise ValueError("top_p")
    if top_p == 1:
        return logits.clone()
    probs, order = torch.sort(torch.softmax(logits, -1), dim=-1, stable=True)
    probs, order = probs.flip(-1), order.flip(-1)
    before = probs.cumsum(-1) - probs
    keep_sorted = before < top_p
    keep_sorted[..., 0] = True
    keep = keep_sorted.scatter(-1, order, keep_sorted)
    return logits.masked_fill(~keep, float("-inf"))
