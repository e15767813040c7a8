# upcasts to float64 for the KL term and never casts back: float32 logits give a float64 loss
# fails: float32 logits give a float32 loss
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, target, T, alpha):
    log_s = F.log_softmax(student_logits.double() / T, dim=1)
    log_t = F.log_softmax(teacher_logits.detach().double() / T, dim=1)
    kl = (log_t.exp() * (log_t - log_s)).sum(1).mean()
    return alpha * T**2 * kl + (1 - alpha) * F.cross_entropy(student_logits, target)
