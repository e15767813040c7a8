# weights swapped: epsilon on the true class, 1 - epsilon on the uniform part
# fails: epsilon = 0 is plain cross-entropy
# fails: epsilon = 0.1, 8 samples, 5 classes, equals F.cross_entropy(label_smoothing=0.1)
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, target, epsilon):
    log_probs = F.log_softmax(logits, dim=-1)
    nll = -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    return (epsilon * nll - (1 - epsilon) * log_probs.mean(dim=-1)).mean()
