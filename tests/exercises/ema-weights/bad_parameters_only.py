# Wrong: averages parameters() only; BatchNorm's running statistics and counter keep their old values.
# fails: nn.BatchNorm1d(5), decay 0.99: running statistics averaged, num_batches_tracked (3 and 10) copied
# fails: float64 nn.BatchNorm2d(3), decay 0.75: averaged in float64, num_batches_tracked copied
import torch


def _check(shadow, model, decay):
    if not 0.0 <= decay <= 1.0:
        raise ValueError("decay must lie in [0, 1]")
    a, b = shadow.state_dict(), model.state_dict()
    if a.keys() != b.keys() or any(a[k].shape != b[k].shape for k in a):
        raise ValueError("the models differ")
    return a, b


def ema_update(shadow, model, decay):
    _check(shadow, model, decay)
    with torch.no_grad():
        for p_ema, p in zip(shadow.parameters(), model.parameters()):
            p_ema.mul_(decay).add_(p, alpha=1 - decay)
