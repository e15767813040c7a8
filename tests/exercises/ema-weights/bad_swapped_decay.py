# Wrong: decay and 1 - decay swapped; the shadow is mostly the current model.
# fails: nn.Linear(6, 4), decay 0.9: weight and bias averaged in place, None returned
# fails: nn.BatchNorm1d(5), decay 0.99: running statistics averaged, num_batches_tracked (3 and 10) copied
# fails: float64 nn.BatchNorm2d(3), decay 0.75: averaged in float64, num_batches_tracked copied
# fails: float64 nn.TransformerEncoderLayer(8, 2, 16), decay 0.999: every nested parameter
# fails: decay 0: the shadow becomes the model
# fails: decay 1: the shadow is left as it was
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
                t.mul_(1 - decay).add_(theirs[name], alpha=decay)
            else:
                t.copy_(theirs[name])
