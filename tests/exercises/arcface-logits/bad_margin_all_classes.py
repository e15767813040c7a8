# Wrong: the margin on every class, not only the target: every logit shrinks alike and nothing separates the classes.
# fails: float32, 16 samples, 10 classes, d = 8, default s = 64 and m = 0.5: the margin on the target class only
# fails: float64, s = 30 and m = 0.35: the logits and the gradients of features and weight
# fails: theta + m past pi (d = 2, 256 samples, m = 0.5): the target logit is cos - m sin(m) there
# fails: easy_margin=True (d = 2, 256 samples, m = 0.5): the margin only where cos > 0
import math

import torch
import torch.nn.functional as F


def _validate(features, weight, labels):
    if features.dim() != 2 or weight.dim() != 2 or features.shape[1] != weight.shape[1]:
        raise ValueError("features (N, d) and weight (C, d)")
    if labels.shape != (features.shape[0],) or (labels < 0).any() or (labels >= weight.shape[0]).any():
        raise ValueError("labels (N,) in [0, C)")


def _cosine(features, weight):
    return (F.normalize(features, dim=1) @ F.normalize(weight, dim=1).T).clamp(-1.0, 1.0)


def _margin(cos, m, easy_margin):
    sin = torch.sqrt((1.0 - cos * cos).clamp(min=0.0))
    phi = cos * math.cos(m) - sin * math.sin(m)
    if easy_margin:
        return torch.where(cos > 0, phi, cos)
    return torch.where(cos > math.cos(math.pi - m), phi, cos - m * math.sin(m))


def arcface_logits(features, weight, labels, s=64.0, m=0.5, easy_margin=False):
    _validate(features, weight, labels)
    return s * _margin(_cosine(features, weight), m, easy_margin)
