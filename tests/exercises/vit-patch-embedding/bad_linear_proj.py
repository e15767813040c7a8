# proj as nn.Linear(C * p * p, E) over unfolded patches: the same map, but proj.weight is (E, C*p*p), not
# (E, C, p, p), so the reference's state_dict (and every pretrained ViT checkpoint) does not load
# fails: img 32, patch 8, 3 -> 64 channels: (N, 16, 64), patches in row-major order
# fails: the defaults: img 224, patch 16, 3 channels, embed_dim 768 (ViT-B/16): 196 tokens
# fails: N = 1, one input channel (grayscale)
import torch.nn as nn
import torch.nn.functional as F


class PatchEmbed(nn.Module):
    def __init__(self, img_size=224, patch_size=16, in_chans=3, embed_dim=768):
        super().__init__()
        h, w = (img_size, img_size) if isinstance(img_size, int) else img_size
        if h % patch_size or w % patch_size:
            raise ValueError("img_size must be divisible by patch_size")
        self.img_size, self.patch_size = (h, w), patch_size
        self.num_patches = (h // patch_size) * (w // patch_size)
        self.proj = nn.Linear(in_chans * patch_size * patch_size, embed_dim)

    def forward(self, x):
        if tuple(x.shape[-2:]) != self.img_size:
            raise ValueError("wrong input size")
        patches = F.unfold(x, self.patch_size, stride=self.patch_size).transpose(1, 2)
        return self.proj(patches)
