# log-softmax in float64 "for stability", never cast back: float32 logits give a float64 loss
# fails: float32 logits give a float32 loss
import torch
import torch.nn.functional as F


def _ce(logits, target, ignore_index):
    if tuple(logits.shape[2:]) != tuple(target.shape[1:]):
        logits = F.interpolate(logits, size=tuple(target.shape[1:]), mode="bilinear", align_corners=True)
    return F.nll_loss(F.log_softmax(logits.double(), dim=1), target, ignore_index=ignore_index)


def pspnet_loss(main_logits, aux_logits, target, aux_weight=0.4, ignore_index=255):
    total = _ce(main_logits, target, ignore_index)
    if aux_logits is None:
        return total
    return total + aux_weight * _ce(aux_logits, target, ignore_index)
