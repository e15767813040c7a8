# detaches the smoothing term: the loss value is right, but its gradient (eps / K per class) is lost
# fails: the gradient with respect to logits is (p - q) / N
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, target, epsilon):
    log_probs = F.log_softmax(logits, dim=-1)
    nll = -log_probs.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    smooth = -log_probs.detach().mean(dim=-1)
    return ((1 - epsilon) * nll + epsilon * smooth).mean()
