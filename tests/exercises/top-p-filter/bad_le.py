# Wrong: keeps a token when the mass before it is <= top_p (the HF-style shift of `cumsum > top_p`
# without care for equality): a token whose mass before equals top_p is kept.
# fails: the mass before a token equal to top_p drops it: 4 equal logits, top_p 0.5 keeps 2
import torch


def top_p_filter(logits, top_p):
    if not 0 < top_p <= 1:
        raise ValueError("top_p")
    if top_p == 1:
        return logits.clone()
    probs, order = torch.sort(torch.softmax(logits, -1), dim=-1, descending=True, stable=True)
    remove_sorted = probs.cumsum(-1) > top_p
    remove_sorted[..., 1:] = remove_sorted[..., :-1].clone()
    remove_sorted[..., 0] = False
    remove = remove_sorted.scatter(-1, order, remove_sorted)
    return logits.masked_fill(remove, float("-inf"))
