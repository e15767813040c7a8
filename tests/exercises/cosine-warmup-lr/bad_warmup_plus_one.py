# warm-up as (step + 1) / warmup_steps: one step ahead, so step 0 is not 0
# fails: warm-up - step 0 gives 0
# fails: warm-up - step 3 of 10 gives 0.3 * base_lr
# fails: warm-up - step 9 of 10 gives 0.9 * base_lr
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps:
        raise ValueError("warmup_steps must be in [0, total_steps)")
    if not 0 <= step <= total_steps:
        raise ValueError("step must be in [0, total_steps]")
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))
