# sets the ignored labels to 0 in place so that gather works: the caller's target loses its 255s
# (and the second cross-entropy no longer sees which pixels were unlabelled)
# fails: main_logits, aux_logits and target are not modified
import torch
import torch.nn.functional as F


def _ce(logits, target, ignore_index):
    if tuple(logits.shape[2:]) != tuple(target.shape[1:]):
        logits = F.interpolate(logits, size=tuple(target.shape[1:]), mode="bilinear", align_corners=True)
    labelled = target != ignore_index
    target[~labelled] = 0
    nll = -F.log_softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)
    return (nll * labelled).sum() / labelled.sum()


def pspnet_loss(main_logits, aux_logits, target, aux_weight=0.4, ignore_index=255):
    labelled = target != ignore_index
    total = _ce(main_logits, target, ignore_index)
    if aux_logits is None:
        return total
    target = torch.where(labelled, target, torch.full_like(target, ignore_index))
    return total + aux_weight * _ce(aux_logits, target, ignore_index)
