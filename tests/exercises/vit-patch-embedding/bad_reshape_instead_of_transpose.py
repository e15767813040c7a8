# reshape(N, -1, E) straight from (N, E, H/p, W/p): the right shape, but each token mixes channels of several patches
# fails: img 32, patch 8, 3 -> 64 channels: (N, 16, 64), patches in row-major order
# fails: non-square img_size [16, 24], patch 8: a 2 x 3 grid flattened row by row
# fails: patch_size 1: every pixel is a token
# fails: gradients flow to x (float64)
import torch.nn as nn


class PatchEmbed(nn.Module):
    """ViT patch embedding: cut the image into patch_size x patch_size patches and project each to embed_dim.

    The projection is one Conv2d whose kernel and stride are both patch_size, so each output pixel is
    W · (one patch) + b; flattening the (H/p, W/p) grid row-major gives the sequence of patch tokens.
    """

    def __init__(self, img_size=224, patch_size=16, in_chans=3, embed_dim=768):
        super().__init__()
        height, width = (img_size, img_size) if isinstance(img_size, int) else tuple(img_size)
        if height % patch_size != 0 or width % patch_size != 0:
            raise ValueError(f"image size {(height, width)} is not divisible by patch size {patch_size}")
        self.img_size = (height, width)
        self.patch_size = patch_size
        self.grid_size = (height // patch_size, width // patch_size)
        self.num_patches = self.grid_size[0] * self.grid_size[1]
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        """x (N, in_chans, H, W) with (H, W) == img_size -> (N, num_patches, embed_dim), patches row-major."""
        if tuple(x.shape[-2:]) != self.img_size:
            raise ValueError(f"input size {tuple(x.shape[-2:])} does not match img_size {self.img_size}")
        out = self.proj(x)
        return out.reshape(out.shape[0], -1, out.shape[1])
