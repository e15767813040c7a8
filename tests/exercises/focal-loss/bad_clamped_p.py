# Wrong: clamps p to [1e-7, 1 - 1e-7] before the logs: no nan, but the loss of a confident mistake is capped near 16.
# fails: logits of +-100 (float32 and float64, gamma 2, 1 and 0) - finite values and gradients
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="none"):
    """alpha_t * (1 - p_t) ** gamma * BCE(logits, targets); alpha < 0 turns the alpha weighting off."""
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"reduction must be 'none', 'mean' or 'sum', got {reduction!r}")
    p = torch.sigmoid(logits)
    q = p.clamp(1e-7, 1 - 1e-7)
    ce = -(targets * torch.log(q) + (1 - targets) * torch.log(1 - q))
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
