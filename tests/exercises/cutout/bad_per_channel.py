# draws the holes separately for every channel
# fails: one mask on every channel, every other pixel unchanged
import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes, self.length = n_holes, length

    def __call__(self, img):
        c, h, w = img.shape
        mask = torch.ones(c, h, w, dtype=img.dtype)
        for channel in range(c):
            for _ in range(self.n_holes):
                y, x = np.random.randint(h), np.random.randint(w)
                y1, y2 = np.clip([y - self.length // 2, y + self.length // 2], 0, h)
                x1, x2 = np.clip([x - self.length // 2, x + self.length // 2], 0, w)
                mask[channel, y1:y2, x1:x2] = 0
        return img * mask
