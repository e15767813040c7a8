# KL(p || q) = H(p, q) - H(p): the soft cross-entropy minus the teacher's entropy, via logsumexp
import torch


def distillation_loss(student_logits, teacher_logits, target, T, alpha):
    t = teacher_logits.detach() / T
    s = student_logits / T
    log_q = s - torch.logsumexp(s, dim=-1, keepdim=True)
    log_p = t - torch.logsumexp(t, dim=-1, keepdim=True)
    p = log_p.exp()
    kl = ((p * log_p).sum(-1) - (p * log_q).sum(-1)).mean()
    log_q1 = student_logits - torch.logsumexp(student_logits, dim=-1, keepdim=True)
    ce = -log_q1[torch.arange(len(target)), target].mean()
    return alpha * T * T * kl + (1 - alpha) * ce
