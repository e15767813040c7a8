"""ArcFace logits: an additive angular margin m on the target class, as insightface's ArcMarginProduct has it."""

import math

import torch
import torch.nn.functional as F


def arcface_logits(features, weight, labels, s=64.0, m=0.5, easy_margin=False):
    """s * cos(theta_j) for every class j, with cos(theta_y + m) for the target y (the fallback below past pi - m).

    features (N, d), weight (C, d), labels (N,) integers in [0, C). Rows are normalised as F.normalize does
    (a zero row gives cos = 0). Where theta_y + m would pass pi, cos(theta_y + m) stops decreasing in theta_y:
    easy_margin=False uses cos(theta_y) - m sin(m) where cos(theta_y) <= cos(pi - m); easy_margin=True keeps
    cos(theta_y) where cos(theta_y) <= 0.
    """
    if features.dim() != 2 or weight.dim() != 2 or features.shape[1] != weight.shape[1]:
        raise ValueError(f"features (N, d) and weight (C, d), not {tuple(features.shape)} and {tuple(weight.shape)}")
    n, c = features.shape[0], weight.shape[0]
    if labels.shape != (n,):
        raise ValueError(f"labels must have shape ({n},), got {tuple(labels.shape)}")
    if n and (labels.min() < 0 or labels.max() >= c):
        raise ValueError(f"labels must lie in [0, {c})")
    cosine = (F.normalize(features, dim=1) @ F.normalize(weight, dim=1).T).clamp(-1.0, 1.0)  # rounding can pass 1
    sine = torch.sqrt((1.0 - cosine * cosine).clamp(min=0.0))
    with_margin = cosine * math.cos(m) - sine * math.sin(m)  # cos(theta + m)
    if easy_margin:
        target = torch.where(cosine > 0, with_margin, cosine)
    else:
        target = torch.where(cosine > math.cos(math.pi - m), with_margin, cosine - m * math.sin(m))
    is_target = F.one_hot(labels.long(), c).bool()
    return s * torch.where(is_target, target, cosine)
