# no clip on the start: y - length // 2 < 0 is a negative slice start, so holes near the top or left vanish
# fails: odd length 7 cuts a 6x6 square, length // 2 on each side of the centre
# fails: holes near the border are clipped, never wrapped around
# fails: centres are uniform over all H x W pixels, borders included
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
            mask[y - self.length // 2:y + self.length // 2, x - self.length // 2:x + self.length // 2] = 0
        return img * mask
