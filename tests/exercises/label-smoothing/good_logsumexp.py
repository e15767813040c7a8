# log p_k = z_k - logsumexp(z), written by hand; one_hot for the true class
import torch
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, target, epsilon):
    log_z = torch.logsumexp(logits, dim=-1, keepdim=True)
    log_p = logits - log_z
    one_hot = F.one_hot(target, num_classes=logits.shape[-1]).to(logits.dtype)
    true_term = -(one_hot * log_p).sum(-1)
    uniform_term = -log_p.sum(-1) / logits.shape[-1]
    return torch.mean((1.0 - epsilon) * true_term + epsilon * uniform_term)
