# Correct: a plain loop over rows with Python's stable sort on (-probability, index).
import torch


def top_p_filter(logits: torch.Tensor, top_p: float) -> torch.Tensor:
    if top_p <= 0 or top_p > 1:
        raise ValueError(f"bad top_p {top_p}")
    out = logits.clone()
    if top_p == 1:
        return out
    rows = out.reshape(-1, out.shape[-1])
    probs = torch.softmax(logits.reshape(-1, logits.shape[-1]), dim=-1)
    for row, p in zip(rows, probs):
        order = sorted(range(len(p)), key=lambda i: -p[i].item())
        mass = 0.0
        total = torch.zeros((), dtype=p.dtype)
        for rank, i in enumerate(order):
            if rank > 0 and total >= top_p:
                row[i] = float("-inf")
            total = total + p[i]
    return out
