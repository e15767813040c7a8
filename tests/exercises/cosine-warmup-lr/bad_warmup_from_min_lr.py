# warms up from min_lr instead of from 0: min_lr + (base_lr - min_lr) * step / warmup_steps
# fails: min_lr plays no part in the warm-up - steps 0 and 4 of 10 with min_lr = 0.01
# fails: a one-step warm-up with min_lr - step 0 gives 0, step 1 gives base_lr
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps:
        raise ValueError("warmup_steps must be in [0, total_steps)")
    if not 0 <= step <= total_steps:
        raise ValueError("step must be in [0, total_steps]")
    if step < warmup_steps:
        return float(min_lr + (base_lr - min_lr) * step / warmup_steps)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return float(min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress)))
