# centres from Python's random module: neither numpy's nor torch's global RNG
# fails: centres from numpy's or torch's global RNG
import random

import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes = n_holes
        self.length = length

    def __call__(self, img):
        _, h, w = img.shape
        half = self.length // 2
        mask = torch.ones(h, w, dtype=img.dtype)
        for _ in range(self.n_holes):
            y, x = random.randrange(h), random.randrange(w)
            mask[max(0, y - half):min(h, y + half), max(0, x - half):min(w, x + half)] = 0
        return img * mask
