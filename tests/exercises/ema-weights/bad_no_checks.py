# Wrong: no validation: any decay is used, and zip pairs the parameters of different models silently.
# fails: decay 1.5 raises ValueError
# fails: different names (the model has no bias) raise ValueError
# fails: different shapes (Linear(4, 3) and Linear(3, 4)) raise ValueError
import torch


def ema_update(shadow, model, decay):
    with torch.no_grad():
        for (name, t), m in zip(shadow.state_dict().items(), model.state_dict().values()):
            if t.is_floating_point():
                t.mul_(decay).add_(m, alpha=1 - decay)
            else:
                t.copy_(m)
