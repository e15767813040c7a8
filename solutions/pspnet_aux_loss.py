"""Reference: PSPNet's training loss, main cross-entropy plus a weighted auxiliary one."""

import torch
import torch.nn.functional as F


def _cross_entropy(logits: torch.Tensor, target: torch.Tensor, ignore_index: int) -> torch.Tensor:
    if logits.shape[-2:] != target.shape[-2:]:
        logits = F.interpolate(logits, size=target.shape[-2:], mode="bilinear", align_corners=True)
    return F.cross_entropy(logits, target, ignore_index=ignore_index)  # mean over labelled pixels


def pspnet_loss(main_logits: torch.Tensor, aux_logits: torch.Tensor | None, target: torch.Tensor,
                aux_weight: float = 0.4, ignore_index: int = 255) -> torch.Tensor:
    loss = _cross_entropy(main_logits, target, ignore_index)
    if aux_logits is not None:
        loss = loss + aux_weight * _cross_entropy(aux_logits, target, ignore_index)
    return loss
