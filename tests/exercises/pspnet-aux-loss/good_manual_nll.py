# log-softmax, a mask of labelled pixels, gather, and a sum divided by the number of labelled pixels
import torch
import torch.nn.functional as F


def _ce(logits, target, ignore_index):
    if tuple(logits.shape[2:]) != tuple(target.shape[1:]):
        logits = F.interpolate(logits, size=tuple(target.shape[1:]), mode="bilinear", align_corners=True)
    log_p = F.log_softmax(logits, dim=1)
    labelled = target != ignore_index
    safe = torch.where(labelled, target, torch.zeros_like(target))
    nll = -log_p.gather(1, safe.unsqueeze(1)).squeeze(1)
    return (nll * labelled).sum() / labelled.sum()


def pspnet_loss(main_logits, aux_logits, target, aux_weight=0.4, ignore_index=255):
    total = _ce(main_logits, target, ignore_index)
    if aux_logits is None:
        return total
    return total + aux_weight * _ce(aux_logits, target, ignore_index)
