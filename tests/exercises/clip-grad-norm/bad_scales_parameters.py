# Wrong: multiplies the parameters instead of their gradients.
# fails: parameter values are not modified, only their .grad
# fails: a generator of 3 parameters, total above max_norm: the total, and every grad scaled by one factor
import torch


def clip_grad_norm_(parameters, max_norm, norm_type=2.0):
    """Scale every .grad in place by max_norm / (total + 1e-6) when that is < 1; return total (before clipping).

    total is the norm_type-norm of all the gradients together (float('inf'): the largest |grad|);
    parameters is an iterable of tensors (read once: a generator is fine) or one tensor; a None .grad is skipped.
    """
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    params = [p for p in parameters if p.grad is not None]
    grads = [p.grad for p in params]
    norm_type = float(norm_type)
    if not grads:
        return torch.tensor(0.0)
    with torch.no_grad():
        if norm_type == float("inf"):
            total = torch.stack([g.abs().max() for g in grads]).max()
        else:
            norms = torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads])
            total = torch.linalg.vector_norm(norms, norm_type)
        coefficient = max_norm / (total + 1e-6)
        if coefficient < 1:
            for p in params:
                p.mul_(coefficient)
    return total
