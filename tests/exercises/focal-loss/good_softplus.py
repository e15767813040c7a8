# Correct: the stable BCE as softplus(x) - x t (smooth at 0, unlike max(x, 0) + log1p(exp(-|x|))).
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="none"):
    x, t = logits, targets
    ce = F.softplus(x) - x * t
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
