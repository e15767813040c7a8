# upsamples with scale_factor=2, as if every logits map were at half the label size: right for 2x maps only
# fails: any resize: aux 3x2 up and main 9x4 down to a 7x5 target (N = 1)
# fails: float32 logits give a float32 loss
import torch
import torch.nn.functional as F


def _cross_entropy(logits, target, ignore_index):
    if logits.shape[-2:] != target.shape[-2:]:
        logits = F.interpolate(logits, scale_factor=2, mode="bilinear", align_corners=True)
    return F.cross_entropy(logits, target, ignore_index=ignore_index)


def pspnet_loss(main_logits, aux_logits, target, aux_weight=0.4, ignore_index=255):
    loss = _cross_entropy(main_logits, target, ignore_index)
    if aux_logits is not None:
        loss = loss + aux_weight * _cross_entropy(aux_logits, target, ignore_index)
    return loss
