# clone the image and zero each hole on all channels at once; numpy's global RNG
import numpy as np


class Cutout:
    def __init__(self, n_holes: int, length: int):
        self.n_holes = n_holes
        self.length = length

    def __call__(self, img):
        out = img.clone()
        height, width = img.shape[-2:]
        r = self.length // 2
        for _ in range(self.n_holes):
            cy, cx = np.random.randint(0, height), np.random.randint(0, width)
            top, bottom = np.clip([cy - r, cy + r], 0, height)
            left, right = np.clip([cx - r, cx + r], 0, width)
            out[:, top:bottom, left:right] = 0
        return out
