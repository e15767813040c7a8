# Wrong: keeps tokens whose cumulative probability INCLUDING themselves is <= top_p (no shift):
# the token that crosses the threshold is dropped, and a dominant top token is dropped too.
# fails: the top token alone exceeds top_p: it is kept (logits [0, 3, 0, 1], top_p 0.5)
# fails: a small top_p (0.05) keeps only the top token of each row
# fails: float32 logits (4, 50), top_p = 0.9
import torch


def top_p_filter(logits, top_p):
    if not 0 < top_p <= 1:
        raise ValueError("top_p")
    if top_p == 1:
        return logits.clone()
    sorted_logits, order = torch.sort(logits, dim=-1, descending=True, stable=True)
    cumulative = torch.softmax(sorted_logits, dim=-1).cumsum(-1)
    remove_sorted = cumulative > top_p
    remove = remove_sorted.scatter(-1, order, remove_sorted)
    return logits.masked_fill(remove, float("-inf"))
