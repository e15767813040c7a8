# classic py-faster-rcnn NMS (order array shrinking), in numpy inside, converted back to torch
import numpy as np
import torch


def box_iou(boxes1, boxes2):
    b1, b2 = boxes1.numpy(), boxes2.numpy()
    lt = np.maximum(b1[:, None, :2], b2[None, :, :2])
    rb = np.minimum(b1[:, None, 2:], b2[None, :, 2:])
    wh = np.clip(rb - lt, 0, None)
    inter = wh[..., 0] * wh[..., 1]
    area1 = np.prod(b1[:, 2:] - b1[:, :2], axis=1)
    area2 = np.prod(b2[:, 2:] - b2[:, :2], axis=1)
    union = area1[:, None] + area2[None, :] - inter
    out = np.zeros_like(inter)
    np.divide(inter, union, out=out, where=union > 0)
    return torch.from_numpy(out)


def nms(boxes, scores, iou_threshold):
    b, s = boxes.numpy(), scores.numpy()
    order = np.argsort(-s, kind="stable")
    keep = []
    while order.size > 0:
        i = order[0]
        keep.append(int(i))
        rest = order[1:]
        iou = box_iou(boxes[[i]], boxes[torch.from_numpy(rest)]).numpy()[0] if rest.size else np.zeros(0)
        order = rest[iou <= iou_threshold]
    return torch.tensor(keep, dtype=torch.int64)
