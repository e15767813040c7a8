# centres from torch's global RNG, bounds clamped with min/max, a mask in the image's dtype
import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes = n_holes
        self.half = length // 2

    def __call__(self, img):
        _, h, w = img.shape
        mask = torch.ones(h, w, dtype=img.dtype)
        for _ in range(self.n_holes):
            y = int(torch.randint(0, h, ()))
            x = int(torch.randint(0, w, ()))
            mask[max(0, y - self.half):min(h, y + self.half), max(0, x - self.half):min(w, x + self.half)] = 0
        return img * mask
