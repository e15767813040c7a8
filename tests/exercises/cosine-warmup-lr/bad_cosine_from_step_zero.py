# the cosine runs over all steps from 0, ignoring that the warm-up used some
# fails: the end of the warm-up (step = warmup_steps) gives base_lr
# fails: after the warm-up the cosine runs over the remaining steps - step 55 is half-way
# fails: warm-up and min_lr together, step 80 of 100
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps:
        raise ValueError("warmup_steps must be in [0, total_steps)")
    if not 0 <= step <= total_steps:
        raise ValueError("step must be in [0, total_steps]")
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = step / total_steps
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))
