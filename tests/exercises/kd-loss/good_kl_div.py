# F.kl_div with batchmean, the teacher's probabilities computed under no_grad
import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, target, T, alpha):
    with torch.no_grad():
        soft_targets = F.softmax(teacher_logits / T, dim=1)
    soft = F.kl_div(F.log_softmax(student_logits / T, dim=1), soft_targets, reduction="batchmean")
    return soft * (alpha * T ** 2) + F.cross_entropy(student_logits, target) * (1.0 - alpha)
