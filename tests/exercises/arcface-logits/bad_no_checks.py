# Wrong: no validation: a label equal to C fails inside one_hot with a RuntimeError, mismatched d inside the matmul.
# fails: a label equal to C raises ValueError
# fails: features with d = 4 and weight with d = 3 raise ValueError
import math

import torch
import torch.nn.functional as F


def arcface_logits(features, weight, labels, s=64.0, m=0.5, easy_margin=False):
    cos = (F.normalize(features, dim=1) @ F.normalize(weight, dim=1).T).clamp(-1.0, 1.0)
    sin = torch.sqrt((1.0 - cos * cos).clamp(min=0.0))
    phi = cos * math.cos(m) - sin * math.sin(m)
    if easy_margin:
        phi = torch.where(cos > 0, phi, cos)
    else:
        phi = torch.where(cos > math.cos(math.pi - m), phi, cos - m * math.sin(m))
    target = F.one_hot(labels, weight.shape[0]).bool()
    return s * torch.where(target, phi, cos)
