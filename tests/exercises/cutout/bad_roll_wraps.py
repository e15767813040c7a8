# cuts a square in the middle of the mask and rolls it to the centre: holes wrap around the border
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
        half = self.length // 2
        for _ in range(self.n_holes):
            y, x = np.random.randint(h), np.random.randint(w)
            hole = torch.ones(h, w, dtype=img.dtype)
            hole[h // 2 - half:h // 2 + half, w // 2 - half:w // 2 + half] = 0
            mask = mask * torch.roll(hole, shifts=(y - h // 2, x - w // 2), dims=(0, 1))
        return img * mask
