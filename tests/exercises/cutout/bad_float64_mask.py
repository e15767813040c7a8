# np.ones defaults to float64: every image comes back as float64
# fails: a uint8 image stays uint8, same shape
# fails: a float32 image stays float32, same shape
import numpy as np
import torch


class Cutout:
    def __init__(self, n_holes, length):
        self.n_holes, self.length = n_holes, length

    def __call__(self, img):
        h, w = img.shape[1:]
        mask = np.ones((h, w))
        for _ in range(self.n_holes):
            y, x = np.random.randint(h), np.random.randint(w)
            mask[max(0, y - self.length // 2):y + self.length // 2, max(0, x - self.length // 2):x + self.length // 2] = 0
        return img * torch.from_numpy(mask)
