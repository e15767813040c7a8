# argsort ascending then flip: among equal scores the higher index comes first
# fails: nms - equal scores keep the lower index first
import torch


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """The (N, M) matrix of intersection over union of boxes (x1, y1, x2, y2); 0 where the union is 0."""
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    top_left = torch.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = torch.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    wh = (bottom_right - top_left).clamp(min=0)  # no overlap: width or height 0, never negative
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, None] + area2[None, :] - inter
    nonempty = union > 0
    return torch.where(nonempty, inter / torch.where(nonempty, union, torch.ones_like(union)),
                       torch.zeros_like(union))


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    """Indices of the boxes kept by greedy NMS, in decreasing score order (ties: lower index first)."""
    order = torch.argsort(scores).flip(0)
    iou = box_iou(boxes, boxes)
    suppressed = torch.zeros(len(boxes), dtype=torch.bool)
    keep = []
    for i in order.tolist():
        if suppressed[i]:
            continue
        keep.append(i)
        suppressed |= iou[i] > iou_threshold  # strictly greater: IoU equal to the threshold is kept
    return torch.tensor(keep, dtype=torch.int64)
