# Correct: the cross-entropy from logsigmoid (stable), p_t as sigmoid of the signed logit.
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="none"):
    if reduction not in {"none", "mean", "sum"}:
        raise ValueError(reduction)
    ce = -(targets * F.logsigmoid(logits) + (1 - targets) * F.logsigmoid(-logits))
    p = torch.sigmoid(logits)
    p_t = torch.where(targets > 0.5, p, 1 - p)
    loss = ce * (1 - p_t).pow(gamma)
    if alpha >= 0:
        loss = loss * torch.where(targets > 0.5, torch.full_like(loss, alpha), torch.full_like(loss, 1 - alpha))
    return {"none": lambda: loss, "mean": loss.mean, "sum": loss.sum}[reduction]()
