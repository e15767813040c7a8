# no range checks: any step or warm-up gives some number
# fails: step -1 raises ValueError
# fails: step beyond total_steps raises ValueError
# fails: warmup_steps = total_steps raises ValueError
# fails: negative warmup_steps raises ValueError
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))
