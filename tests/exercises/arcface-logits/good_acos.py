# Correct: through the angle itself: theta = acos(clamped cos), the margin added to theta, cos taken again.
import math

import torch
import torch.nn.functional as F


def arcface_logits(features, weight, labels, s=64.0, m=0.5, easy_margin=False):
    if features.ndim != 2 or weight.ndim != 2 or features.size(1) != weight.size(1):
        raise ValueError("features and weight must be (N, d) and (C, d)")
    if labels.shape != (features.size(0),):
        raise ValueError("labels must be (N,)")
    if ((labels < 0) | (labels >= weight.size(0))).any():
        raise ValueError("label out of range")
    cos = F.linear(F.normalize(features), F.normalize(weight)).clamp(-1, 1)
    rows = torch.arange(features.size(0))
    cos_y = cos[rows, labels]
    theta = torch.acos(cos_y)  # cos is clamped: acos is defined everywhere
    phi = torch.cos(theta + m)
    if easy_margin:
        phi = torch.where(cos_y > 0, phi, cos_y)
    else:
        phi = torch.where(cos_y > math.cos(math.pi - m), phi, cos_y - m * math.sin(m))
    out = cos.clone()
    out[rows, labels] = phi
    return out * s
