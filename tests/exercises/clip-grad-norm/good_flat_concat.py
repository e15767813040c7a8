# Correct: concatenate every gradient into one vector and take its norm; scale with torch.no_grad().
import math

import torch


def clip_grad_norm_(parameters, max_norm, norm_type=2.0):
    params = [parameters] if torch.is_tensor(parameters) else list(parameters)
    grads = [p.grad for p in params if p.grad is not None]
    if len(grads) == 0:
        return torch.tensor(0.0)
    flat = torch.cat([g.reshape(-1) for g in grads])
    if math.isinf(norm_type):
        total = flat.abs().max()
    else:
        total = flat.abs().pow(norm_type).sum().pow(1.0 / norm_type)
    scale = max_norm / (total + 1e-6)
    if scale < 1:
        with torch.no_grad():
            for g in grads:
                g *= scale
    return total
