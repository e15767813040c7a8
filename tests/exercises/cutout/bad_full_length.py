# cuts length pixels (y - length // 2 to y - length // 2 + length): an odd length gives length, not length - 1
# fails: odd length 7 cuts a 6x6 square, length // 2 on each side of the centre
import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes, self.length = n_holes, length

    def __call__(self, img):
        h, w = img.shape[1:]
        mask = torch.ones(h, w, dtype=img.dtype)
        for _ in range(self.n_holes):
            y, x = np.random.randint(h), np.random.randint(w)
            y1, x1 = y - self.length // 2, x - self.length // 2
            mask[max(y1, 0):max(y1 + self.length, 0), max(x1, 0):max(x1 + self.length, 0)] = 0
        return img * mask
