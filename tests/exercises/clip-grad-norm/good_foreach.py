# Correct: torch._foreach_norm for the per-tensor norms, torch._foreach_mul_ to scale in place.
import torch


def clip_grad_norm_(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = (parameters,)
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    norms = torch._foreach_norm(grads, float(norm_type))
    total = torch.linalg.vector_norm(torch.stack(norms), float(norm_type))
    coef = max_norm / (total + 1e-6)
    torch._foreach_mul_(grads, torch.clamp(coef, max=1.0))
    return total
