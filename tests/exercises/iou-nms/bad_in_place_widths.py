# turns the caller's boxes into (x, y, w, h) in place (`-=` on a slice writes into the argument)
# fails: box_iou - the inputs are not modified
# fails: nms - boxes and scores are not modified
import torch


def box_iou(boxes1, boxes2):
    boxes1[:, 2:] -= boxes1[:, :2]
    if boxes2 is not boxes1:
        boxes2[:, 2:] -= boxes2[:, :2]
    area1 = boxes1[:, 2] * boxes1[:, 3]
    area2 = boxes2[:, 2] * boxes2[:, 3]
    lt = torch.max(boxes1[:, None, :2], boxes2[None, :, :2])
    rb = torch.min(boxes1[:, None, :2] + boxes1[:, None, 2:], boxes2[None, :, :2] + boxes2[None, :, 2:])
    wh = (rb - lt).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    union = area1[:, None] + area2[None, :] - inter
    return torch.where(union > 0, inter / torch.where(union > 0, union, torch.ones_like(union)), torch.zeros_like(union))


def nms(boxes, scores, iou_threshold):
    order = torch.sort(scores, descending=True, stable=True).indices
    iou = box_iou(boxes, boxes)
    suppressed = torch.zeros(len(boxes), dtype=torch.bool)
    keep = []
    for i in order.tolist():
        if not suppressed[i]:
            keep.append(i)
            suppressed |= iou[i] > iou_threshold
    return torch.tensor(keep, dtype=torch.int64)
