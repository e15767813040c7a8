# reduction='mean' averages over batch AND classes: the soft term is K times too small
# fails: T = 4, alpha = 0.7: alpha T^2 KL(teacher || student) + (1 - alpha) CE
# fails: KL summed over classes, averaged over the batch (batchmean), T = 2, alpha = 1, 10 classes
# fails: the gradient with respect to student_logits matches
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, target, T, alpha):
    soft = F.kl_div(F.log_softmax(student_logits / T, dim=1), F.softmax(teacher_logits.detach() / T, dim=1),
                    reduction="mean")
    return alpha * T * T * soft + (1 - alpha) * F.cross_entropy(student_logits, target)
