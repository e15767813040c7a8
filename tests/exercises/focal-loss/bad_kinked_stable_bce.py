# Wrong: the stable BCE written out as max(x, 0) - x t + log(1 + exp(-|x|)): the values are right, but
# autograd takes the kinks of clamp and abs at x = 0 and gets d ce / dx = 1 - t there, not sigmoid(0) - t.
# fails: logits of +-100 (float32 and float64, gamma 2, 1 and 0) - finite values and gradients
import torch


def sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="none"):
    x, t = logits, targets
    ce = x.clamp(min=0) - x * t + torch.log1p(torch.exp(-x.abs()))
    p = torch.sigmoid(x)
    one_minus_pt = p * (1 - t) + (1 - p) * t
    loss = ce * one_minus_pt ** gamma
    if alpha >= 0:
        loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
    if reduction == "none":
        return loss
    if reduction == "mean":
        return loss.sum() / loss.numel()
    if reduction == "sum":
        return loss.sum()
    raise ValueError(f"unknown reduction {reduction}")
