# Correct: explicit norms with the 1e-12 floor, a one-hot mix (as in arcface-pytorch), sin from 1 - cos^2.
import math

import torch


def _unit_rows(x):
    return x / x.norm(dim=1, keepdim=True).clamp_min(1e-12)


def arcface_logits(features, weight, labels, s=64.0, m=0.5, easy_margin=False):
    n, d = features.shape if features.dim() == 2 else (None, None)
    if d is None or weight.dim() != 2 or weight.shape[1] != d:
        raise ValueError("shape mismatch")
    c = weight.shape[0]
    if tuple(labels.shape) != (n,) or any(int(v) < 0 or int(v) >= c for v in labels):
        raise ValueError("bad labels")
    cosine = torch.mm(_unit_rows(features), _unit_rows(weight).t())
    cosine = torch.clamp(cosine, -1.0, 1.0)
    sine = torch.sqrt(torch.clamp(1.0 - cosine.pow(2), 0.0, 1.0))
    cos_m, sin_m = math.cos(m), math.sin(m)
    th, mm = math.cos(math.pi - m), math.sin(math.pi - m) * m
    phi = cosine * cos_m - sine * sin_m
    if easy_margin:
        phi = torch.where(cosine > 0, phi, cosine)
    else:
        phi = torch.where(cosine > th, phi, cosine - mm)
    one_hot = torch.zeros_like(cosine)
    one_hot.scatter_(1, labels.view(-1, 1).long(), 1)
    return (one_hot * phi + (1.0 - one_hot) * cosine) * s
