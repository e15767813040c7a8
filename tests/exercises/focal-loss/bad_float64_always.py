# Wrong: computes in float64 and returns float64 for float32 inputs.
# fails: float32 (4, 10), the defaults (alpha 0.25, gamma 2, none) - values and gradients
# fails: reduction "sum" (float32)
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="none"):
    """alpha_t * (1 - p_t) ** gamma * BCE(logits, targets); alpha < 0 turns the alpha weighting off."""
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"reduction must be 'none', 'mean' or 'sum', got {reduction!r}")
    logits, targets = logits.double(), targets.double()
    p = torch.sigmoid(logits)
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")  # stable: no log of a sigmoid
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
