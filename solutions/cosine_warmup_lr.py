"""Reference: linear warm-up from 0, then cosine decay to min_lr."""

import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0) -> float:
    if not 0 <= warmup_steps < total_steps:
        raise ValueError(f"warmup_steps must be in [0, total_steps), got {warmup_steps} of {total_steps}")
    if not 0 <= step <= total_steps:
        raise ValueError(f"step must be in [0, {total_steps}], got {step}")
    if step < warmup_steps:
        return float(base_lr * step / warmup_steps)
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return float(min_lr + (base_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress)))
