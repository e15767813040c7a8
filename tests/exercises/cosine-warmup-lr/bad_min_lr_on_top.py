# adds min_lr on top of the full cosine of base_lr instead of decaying the gap
# fails: with min_lr, half-way is the midpoint of base_lr and min_lr
# fails: warm-up and min_lr together, step 80 of 100
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps:
        raise ValueError("warmup_steps must be in [0, total_steps)")
    if not 0 <= step <= total_steps:
        raise ValueError("step must be in [0, total_steps]")
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + base_lr * 0.5 * (1 + math.cos(math.pi * progress))
