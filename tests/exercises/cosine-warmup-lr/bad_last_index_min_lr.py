# a shortcut for "the last step" taken as total_steps - 1 (0-based habits): min_lr one step too early
# fails: the step before the last (total_steps - 1) is still above min_lr
# fails: warmup_steps = total_steps - 1 - base_lr at step 9, min_lr at step 10
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps:
        raise ValueError("warmup_steps must be in [0, total_steps)")
    if not 0 <= step <= total_steps:
        raise ValueError("step must be in [0, total_steps]")
    if step < warmup_steps:
        return float(base_lr * step / warmup_steps)
    if step >= total_steps - 1:
        return float(min_lr)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return float(min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress)))
