"""Reference: Hinton's distillation loss, soft KL at temperature T (scaled by T^2) plus hard CE."""

import torch
import torch.nn.functional as F


def distillation_loss(student_logits: torch.Tensor, teacher_logits: torch.Tensor, target: torch.Tensor,
                      T: float, alpha: float) -> torch.Tensor:
    log_p_student = F.log_softmax(student_logits / T, dim=1)
    log_p_teacher = F.log_softmax(teacher_logits.detach() / T, dim=1)  # the teacher is not trained
    # KL(p_teacher || p_student), summed over classes, averaged over the batch
    kl = (log_p_teacher.exp() * (log_p_teacher - log_p_student)).sum(dim=1).mean()
    hard = F.cross_entropy(student_logits, target)  # at T = 1, on the raw logits
    return alpha * T * T * kl + (1 - alpha) * hard
