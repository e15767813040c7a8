# the cosine factor as a weight between min_lr and base_lr; warm-up as a fraction
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if warmup_steps < 0 or warmup_steps >= total_steps:
        raise ValueError("warmup_steps must lie in [0, total_steps)")
    if step < 0 or step > total_steps:
        raise ValueError("step out of range")
    if step < warmup_steps:
        fraction = step / warmup_steps
        return fraction * base_lr
    weight = (1 + math.cos(math.pi * (step - warmup_steps) / (total_steps - warmup_steps))) / 2
    return weight * base_lr + (1 - weight) * min_lr
