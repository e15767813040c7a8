# decays along a quarter cosine wave, cos(pi / 2 * progress), instead of (1 + cos(pi * progress)) / 2
# fails: no warm-up - half-way gives base_lr / 2
# fails: no warm-up - step 30 of 100 follows the cosine
# fails: with min_lr, half-way is the midpoint of base_lr and min_lr
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
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * math.cos(math.pi / 2 * progress)
