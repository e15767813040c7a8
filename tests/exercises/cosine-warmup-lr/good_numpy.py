# numpy for the maths; np.float64 is a Python float, so it may be returned as it is
import numpy as np


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not (0 <= warmup_steps < total_steps and 0 <= step <= total_steps):
        raise ValueError(f"bad step {step} / warmup {warmup_steps} / total {total_steps}")
    if step < warmup_steps:
        return np.float64(base_lr) * step / warmup_steps
    progress = np.float64(step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + 0.5 * (base_lr - min_lr) * (1.0 + np.cos(np.pi * progress))
