# returns the warm-up value before validating step, so a negative step in a warm-up gives a negative rate
# fails: a negative step during a warm-up raises ValueError
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps:
        raise ValueError("warmup_steps must be in [0, total_steps)")
    if step < warmup_steps:
        return float(base_lr * step / warmup_steps)
    if step > total_steps:
        raise ValueError("step must be in [0, total_steps]")
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return float(min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress)))
