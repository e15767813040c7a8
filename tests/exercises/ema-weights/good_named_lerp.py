# Correct: parameters and buffers walked by name, floating ones with lerp_, the rest copied.
import torch


def ema_update(shadow, model, decay):
    if decay < 0 or decay > 1:
        raise ValueError("decay must be in [0, 1]")
    mine = dict(shadow.named_parameters()) | dict(shadow.named_buffers())
    theirs = dict(model.named_parameters()) | dict(model.named_buffers())
    if mine.keys() != theirs.keys():
        raise ValueError("the two models have different tensors")
    if any(mine[k].shape != theirs[k].shape for k in mine):
        raise ValueError("the two models have tensors of different shapes")
    with torch.no_grad():
        for name, tensor in mine.items():
            source = theirs[name]
            if torch.is_floating_point(tensor):
                tensor.lerp_(source, 1.0 - decay)
            else:
                tensor.copy_(source)
