# passes the student's probabilities (not log-probabilities) as kl_div's input
# fails: T = 4, alpha = 0.7: alpha T^2 KL(teacher || student) + (1 - alpha) CE
# fails: KL(p_teacher || p_student), not the reverse (T = 1, alpha = 1)
# fails: the gradient with respect to student_logits matches
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, target, T, alpha):
    q = F.softmax(student_logits / T, dim=1)
    p = F.softmax(teacher_logits.detach() / T, dim=1)
    soft = F.kl_div(q, p, reduction="batchmean")
    return alpha * T * T * soft + (1 - alpha) * F.cross_entropy(student_logits, target)
