# log of softmax for the student: log(0) = -inf once a logit is ~750 below the largest, and 0 * inf = nan
# fails: logits up to ±1000 give a finite, correct loss (log_softmax, not log of softmax)
import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, target, T, alpha):
    log_q = torch.log(F.softmax(student_logits / T, dim=1))
    p = F.softmax(teacher_logits.detach() / T, dim=1)
    soft = F.kl_div(log_q, p, reduction="batchmean")
    return alpha * T * T * soft + (1 - alpha) * F.cross_entropy(student_logits, target)
