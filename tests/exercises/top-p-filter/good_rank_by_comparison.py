# Correct, without sorting: the mass before token i is the sum of the probabilities of the tokens
# ranked before it (a larger probability, or an equal one at a lower index), by broadcasting.
import torch


def top_p_filter(logits, top_p):
    if not (0 < top_p <= 1):
        raise ValueError("top_p must be in (0, 1]")
    if top_p == 1:
        return logits.clone()
    p = torch.softmax(logits, dim=-1)
    V = p.shape[-1]
    index = torch.arange(V)
    pi, pj = p.unsqueeze(-1), p.unsqueeze(-2)           # (..., V, 1) and (..., 1, V)
    ahead = (pj > pi) | ((pj == pi) & (index.view(1, V) < index.view(V, 1)))
    before = (ahead * pj).sum(-1)
    top = p.argmax(dim=-1, keepdim=True)                # the first maximum: the lower index
    keep = (before < top_p).scatter(-1, top, True)
    return torch.where(keep, logits, torch.full_like(logits, float("-inf")))
