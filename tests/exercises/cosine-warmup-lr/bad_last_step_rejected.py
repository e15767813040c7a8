# treats total_steps as exclusive, so the last step raises
# fails: the last step (step = total_steps) gives min_lr
# fails: warm-up and min_lr together, the last step
# fails: a Python float even for integer base_lr and min_lr
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps:
        raise ValueError("warmup_steps must be in [0, total_steps)")
    if not 0 <= step < total_steps:
        raise ValueError("step must be in [0, total_steps]")
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))
