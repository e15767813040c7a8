# draws the centres once, in __init__: every image gets the same holes
# fails: the same Cutout called again cuts new holes
import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes, length, size=(512, 512)):
        self.length = length
        self.centres = [(np.random.randint(1 << 30), np.random.randint(1 << 30)) for _ in range(n_holes)]

    def __call__(self, img):
        _, h, w = img.shape
        half = self.length // 2
        mask = torch.ones(h, w, dtype=img.dtype)
        for cy, cx in self.centres:
            y, x = cy % h, cx % w
            mask[max(0, y - half):min(h, y + half), max(0, x - half):min(w, x + half)] = 0
        return img * mask
