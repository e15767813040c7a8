"""Reference: cross-entropy with label smoothing, q = (1 - eps) * one_hot + eps / K."""

import torch
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits: torch.Tensor, target: torch.Tensor, epsilon: float) -> torch.Tensor:
    log_probs = F.log_softmax(logits, dim=-1)  # stable: never log(softmax(.))
    nll = -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1)  # CE with the true class
    uniform = -log_probs.mean(dim=-1)  # CE with the uniform distribution over all K classes
    return ((1 - epsilon) * nll + epsilon * uniform).mean()
