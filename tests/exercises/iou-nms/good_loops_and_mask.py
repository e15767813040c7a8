# box_iou with explicit corner columns and unsqueeze; nms with a vectorised "still alive" mask
import torch


def box_iou(boxes1, boxes2):
    x1, y1, x2, y2 = boxes1.unbind(1)
    a1, b1, a2, b2 = boxes2.unbind(1)
    iw = (torch.min(x2.unsqueeze(1), a2.unsqueeze(0)) - torch.max(x1.unsqueeze(1), a1.unsqueeze(0))).clamp_min(0)
    ih = (torch.min(y2.unsqueeze(1), b2.unsqueeze(0)) - torch.max(y1.unsqueeze(1), b1.unsqueeze(0))).clamp_min(0)
    inter = iw * ih
    union = ((x2 - x1) * (y2 - y1)).unsqueeze(1) + ((a2 - a1) * (b2 - b1)).unsqueeze(0) - inter
    iou = inter / union
    return torch.nan_to_num(iou, nan=0.0)  # 0 / 0 only where both boxes are empty


def nms(boxes, scores, iou_threshold):
    n = boxes.shape[0]
    # stable descending order: sort by (-score, index) with Python's stable sort
    order = sorted(range(n), key=lambda i: -scores[i].item())
    alive = torch.ones(n, dtype=torch.bool)
    keep = []
    for i in order:
        if not alive[i]:
            continue
        keep.append(i)
        alive &= ~(box_iou(boxes[i:i + 1], boxes)[0] > iou_threshold)
    return torch.as_tensor(keep, dtype=torch.long)
