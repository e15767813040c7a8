# scales the soft term by 2 * T instead of T ** 2: equal only at T = 2
# fails: a batch of one sample, T = 0.5, alpha = 0.3
# fails: alpha = 1, T = 3: only the soft term, scaled by T^2 = 9
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, target, T, alpha):
    log_s = F.log_softmax(student_logits / T, dim=1)
    log_t = F.log_softmax(teacher_logits.detach() / T, dim=1)
    kl = F.kl_div(log_s, log_t, reduction="batchmean", log_target=True)
    return alpha * 2 * T * kl + (1 - alpha) * F.cross_entropy(student_logits, target)
