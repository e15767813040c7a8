# nn.CrossEntropyLoss as the criterion, as in the notes' PSPNet; upsample every branch to the label size
import torch.nn as nn
import torch.nn.functional as F


def pspnet_loss(main_logits, aux_logits, target, aux_weight=0.4, ignore_index=255):
    criterion = nn.CrossEntropyLoss(ignore_index=ignore_index)
    h, w = target.shape[-2:]
    branches = [(main_logits, 1.0)] + ([(aux_logits, aux_weight)] if aux_logits is not None else [])
    loss = 0
    for logits, weight in branches:
        if logits.shape[-2:] != (h, w):
            logits = F.interpolate(logits, size=(h, w), mode="bilinear", align_corners=True)
        loss = loss + weight * criterion(logits, target)
    return loss
