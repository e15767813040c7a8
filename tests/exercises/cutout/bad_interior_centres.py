# centres drawn only where the whole square fits: holes never stick out of the image
# fails: centres are uniform over all H x W pixels, borders included
import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes, self.length = n_holes, length

    def __call__(self, img):
        h, w = img.shape[1:]
        half = self.length // 2
        mask = torch.ones(h, w, dtype=img.dtype)
        for _ in range(self.n_holes):
            y = np.random.randint(half, h - half)
            x = np.random.randint(half, w - half)
            mask[y - half:y + half, x - half:x + half] = 0
        return img * mask
