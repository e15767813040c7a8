# Wrong: builds and returns a new averaged model instead of updating shadow in place.
# fails: nn.Linear(6, 4), decay 0.9: weight and bias averaged in place, None returned
# fails: nn.BatchNorm1d(5), decay 0.99: running statistics averaged, num_batches_tracked (3 and 10) copied
# fails: decay 0: the shadow becomes the model
import copy

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
    averaged = copy.deepcopy(shadow)
    new = {k: decay * v + (1 - decay) * theirs[k] if v.is_floating_point() else theirs[k].clone() for k, v in ours.items()}
    averaged.load_state_dict(new)
    return averaged
