# treats Cutout like dropout and scales the rest of the image up by numel / kept
# fails: one mask on every channel, every other pixel unchanged
# fails: a uint8 image keeps one mask, other pixels unchanged
import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes, self.length = n_holes, length

    def __call__(self, img):
        h, w = img.shape[1:]
        mask = torch.ones(h, w)
        for _ in range(self.n_holes):
            y, x = np.random.randint(h), np.random.randint(w)
            y1, y2 = np.clip([y - self.length // 2, y + self.length // 2], 0, h)
            x1, x2 = np.clip([x - self.length // 2, x + self.length // 2], 0, w)
            mask[y1:y2, x1:x2] = 0
        return (img * mask * (mask.numel() / mask.sum())).to(img.dtype)
