# patches cut with reshape and permute: (N, C, gh, p, gw, p) -> (N, gh, gw, C, p, p), then an einsum with the kernel
import torch
from torch import nn


class PatchEmbed(nn.Module):
    def __init__(self, img_size=224, patch_size=16, in_chans=3, embed_dim=768):
        super().__init__()
        size = (img_size, img_size) if isinstance(img_size, int) else (img_size[0], img_size[1])
        if any(s % patch_size for s in size):
            raise ValueError(f"{size} not divisible by {patch_size}")
        self.size, self.p = size, patch_size
        self.num_patches = (size[0] // patch_size) * (size[1] // patch_size)
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size, bias=True)

    def forward(self, x):
        n, c, h, w = x.shape
        if (h, w) != self.size:
            raise ValueError("input size differs from img_size")
        p = self.p
        patches = x.reshape(n, c, h // p, p, w // p, p).permute(0, 2, 4, 1, 3, 5)  # (N, gh, gw, C, p, p)
        out = torch.einsum("nijcyx,ecyx->nije", patches, self.proj.weight) + self.proj.bias
        return out.reshape(n, (h // p) * (w // p), -1)
