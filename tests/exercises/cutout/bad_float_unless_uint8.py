# computes in float32 and casts back only for uint8: a float64 image comes back float32
# fails: a float64 image stays float64, same shape
import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes = n_holes
        self.length = length

    def __call__(self, img):
        _, h, w = img.shape
        half = self.length // 2
        mask = torch.ones(h, w)
        for _ in range(self.n_holes):
            y, x = np.random.randint(h), np.random.randint(w)
            mask[max(0, y - half):min(h, y + half), max(0, x - half):min(w, x + half)] = 0
        out = img.float() * mask
        return out.to(torch.uint8) if img.dtype == torch.uint8 else out
