# the notes' eta_t = (1 + cos(t * pi / T)) * eta / 2, with neither warm-up nor min_lr
# fails: the last step (step = total_steps) gives min_lr
# fails: with min_lr, half-way is the midpoint of base_lr and min_lr
# fails: warm-up - step 0 gives 0
# fails: warm-up - step 3 of 10 gives 0.3 * base_lr
# fails: warm-up - step 9 of 10 gives 0.9 * base_lr
# fails: the end of the warm-up (step = warmup_steps) gives base_lr
# fails: after the warm-up the cosine runs over the remaining steps - step 55 is half-way
# fails: warm-up and min_lr together, step 80 of 100
# fails: warm-up and min_lr together, the last step
import math


def cosine_lr(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if not 0 <= warmup_steps < total_steps or not 0 <= step <= total_steps:
        raise ValueError("out of range")
    return 0.5 * (1 + math.cos(step * math.pi / total_steps)) * base_lr
