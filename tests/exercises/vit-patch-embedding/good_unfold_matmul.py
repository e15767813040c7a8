# F.unfold cuts the patches out as columns (row-major over the grid), then one matmul with the conv weight
import torch.nn as nn
import torch.nn.functional as F


class PatchEmbed(nn.Module):
    def __init__(self, img_size=224, patch_size=16, in_chans=3, embed_dim=768):
        super().__init__()
        h, w = img_size if isinstance(img_size, (tuple, list)) else (img_size, img_size)
        if h % patch_size or w % patch_size:
            raise ValueError("img_size must be a multiple of patch_size")
        self.img_size, self.patch_size = (h, w), patch_size
        self.num_patches = (h // patch_size) * (w // patch_size)
        self.proj = nn.Conv2d(in_chans, embed_dim, patch_size, stride=patch_size)

    def forward(self, x):
        if x.shape[2] != self.img_size[0] or x.shape[3] != self.img_size[1]:
            raise ValueError(f"expected a {self.img_size} image, got {tuple(x.shape[2:])}")
        patches = F.unfold(x, kernel_size=self.patch_size, stride=self.patch_size)  # (N, C*p*p, L)
        weight = self.proj.weight.flatten(1)  # (E, C*p*p), the same (c, ky, kx) order as unfold
        return patches.transpose(1, 2) @ weight.T + self.proj.bias
