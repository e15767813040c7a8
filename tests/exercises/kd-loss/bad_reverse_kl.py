# KL(student || teacher): the arguments the wrong way round
# fails: T = 4, alpha = 0.7: alpha T^2 KL(teacher || student) + (1 - alpha) CE
# fails: alpha = 1, T = 3: only the soft term, scaled by T^2 = 9
# fails: KL(p_teacher || p_student), not the reverse (T = 1, alpha = 1)
# fails: KL summed over classes, averaged over the batch (batchmean), T = 2, alpha = 1, 10 classes
# fails: the gradient with respect to student_logits matches
import torch
import torch.nn.functional as F


def distillation_loss(student_logits: torch.Tensor, teacher_logits: torch.Tensor, target: torch.Tensor,
                      T: float, alpha: float) -> torch.Tensor:
    log_p_student = F.log_softmax(student_logits / T, dim=1)
    log_p_teacher = F.log_softmax(teacher_logits.detach() / T, dim=1)  # the teacher is not trained
    # KL(p_teacher || p_student), summed over classes, averaged over the batch
    kl = (log_p_student.exp() * (log_p_student - log_p_teacher)).sum(dim=1).mean()
    hard = F.cross_entropy(student_logits, target)  # at T = 1, on the raw logits
    return alpha * T * T * kl + (1 - alpha) * hard
