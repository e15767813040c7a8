# Wrong: scales the model's tensors in place by (1 - decay) to add them: the model is changed.
# fails: the model is not modified
import torch


def _check(shadow, model, decay):
    if not 0.0 <= decay <= 1.0:
        raise ValueError("decay must lie in [0, 1]")
    a, b = shadow.state_dict(), model.state_dict()
    if a.keys() != b.keys() or any(a[k].shape != b[k].shape for k in a):
        raise ValueError("the models differ")
    return a, b


def ema_update(shadow, model, decay):
    ours, theirs = _check(shadow, model, decay)
    with torch.no_grad():
        for name, t in ours.items():
            if t.is_floating_point():
                t.mul_(decay).add_(theirs[name].mul_(1 - decay))
            else:
                t.copy_(theirs[name])
