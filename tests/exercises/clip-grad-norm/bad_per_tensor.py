# Wrong: clips each gradient by its own norm (changes the direction of the update), returns the largest norm.
# fails: a generator of 3 parameters, total above max_norm: the total, and every grad scaled by one factor
# fails: a list of float64 parameters, norm_type 2 given explicitly
import torch


def clip_grad_norm_(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    largest = torch.tensor(0.0)
    for p in parameters:
        if p.grad is None:
            continue
        norm = torch.linalg.vector_norm(p.grad, norm_type)
        largest = torch.maximum(largest.to(norm.dtype), norm)
        coef = max_norm / (norm + 1e-6)
        if coef < 1:
            p.grad.mul_(coef)
    return largest
