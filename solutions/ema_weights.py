"""An exponential moving average of a model's weights, kept in a shadow copy (as timm's ModelEmaV3 does)."""

import torch


def ema_update(shadow, model, decay):
    """shadow <- decay * shadow + (1 - decay) * model, in place, for every floating state_dict entry.

    Floating entries (parameters and buffers such as BatchNorm's running statistics) are averaged; other
    entries (integer buffers such as num_batches_tracked) are copied from the model. No autograd, and the
    model is only read. ValueError for a decay outside [0, 1] or models whose state_dicts differ in names or
    shapes. Returns None.
    """
    decay = float(decay)
    if not 0.0 <= decay <= 1.0:
        raise ValueError(f"decay must lie in [0, 1], got {decay}")
    ours, theirs = shadow.state_dict(), model.state_dict()
    if set(ours) != set(theirs):
        raise ValueError(f"the models differ: {sorted(set(ours) ^ set(theirs))}")
    for name, average in ours.items():
        if average.shape != theirs[name].shape:
            raise ValueError(f"{name}: {tuple(average.shape)} in the shadow, {tuple(theirs[name].shape)} in the model")
    with torch.no_grad():
        for name, average in ours.items():  # state_dict tensors share memory with the shadow's own
            current = theirs[name]
            if average.is_floating_point():
                average.mul_(decay).add_(current.to(average.dtype), alpha=1.0 - decay)
            else:
                average.copy_(current)
