# the notes' description: keep the label with probability 1 - eps, else train on another class
# fails: epsilon = 0.1, 8 samples, 5 classes, equals F.cross_entropy(label_smoothing=0.1)
# fails: epsilon = 0.6, 3 classes: the uniform part eps / K covers every class, the true one too
import torch
import torch.nn.functional as F


def label_smoothing_cross_entropy(logits, target, epsilon):
    flip = torch.rand(target.shape) < epsilon
    other = (target + torch.randint(1, logits.shape[-1], target.shape)) % logits.shape[-1]
    return F.cross_entropy(logits, torch.where(flip, other, target))
