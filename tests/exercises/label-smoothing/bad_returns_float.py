# returns a Python float through .item(): the graph is gone, nothing reaches logits
# fails: the gradient with respect to logits is (p - q) / N
# fails: epsilon = 0 is plain cross-entropy
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, target, epsilon):
    log_probs = F.log_softmax(logits, dim=-1)
    nll = -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    return ((1 - epsilon) * nll - epsilon * log_probs.mean(dim=-1)).mean().item()
