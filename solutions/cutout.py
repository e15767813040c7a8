"""Reference: Cutout (DeVries & Taylor, 2017) on a (C, H, W) tensor, as in the notes, keeping the dtype."""

import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes: int, length: int):
        self.n_holes = n_holes
        self.length = length

    def __call__(self, img: torch.Tensor) -> torch.Tensor:
        h, w = img.shape[1], img.shape[2]
        mask = np.ones((h, w), np.float32)
        for _ in range(self.n_holes):
            y = np.random.randint(h)  # centres over every pixel, borders included
            x = np.random.randint(w)
            y1, y2 = np.clip(y - self.length // 2, 0, h), np.clip(y + self.length // 2, 0, h)
            x1, x2 = np.clip(x - self.length // 2, 0, w), np.clip(x + self.length // 2, 0, w)
            mask[y1:y2, x1:x2] = 0.0
        mask = torch.from_numpy(mask).to(img.dtype)  # a uint8 image times a float mask would become float
        return img * mask.expand_as(img)  # a new tensor: img is left alone
