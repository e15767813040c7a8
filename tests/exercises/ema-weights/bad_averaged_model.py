# Wrong here: torch's swa_utils does the averaging (the EMA multi-avg function), not the learner.
# fails: written by hand, without the builtins it replaces
import torch
from torch.optim.swa_utils import get_ema_multi_avg_fn


def ema_update(shadow, model, decay):
    if not 0.0 <= decay <= 1.0:
        raise ValueError("decay must lie in [0, 1]")
    a, b = shadow.state_dict(), model.state_dict()
    if a.keys() != b.keys() or any(a[k].shape != b[k].shape for k in a):
        raise ValueError("the models differ")
    floats = [k for k in a if a[k].is_floating_point()]
    with torch.no_grad():
        get_ema_multi_avg_fn(decay)([a[k] for k in floats], [b[k] for k in floats], torch.tensor(1))
        for k in a:
            if k not in floats:
                a[k].copy_(b[k])
