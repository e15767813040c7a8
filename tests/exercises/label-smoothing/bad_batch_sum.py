# sums over the batch instead of averaging
# fails: epsilon = 0.1, 8 samples, 5 classes, equals F.cross_entropy(label_smoothing=0.1)
# fails: the mean over a batch of 32, not the sum
# fails: the gradient with respect to logits is (p - q) / N
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, target, epsilon):
    log_probs = F.log_softmax(logits, dim=-1)
    nll = -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    return ((1 - epsilon) * nll - epsilon * log_probs.mean(dim=-1)).sum()
