# refines x in place with *=: the caller's tensor is overwritten
# fails: CBAM leaves x unchanged
import torch
import torch.nn as nn
import torch.nn.functional as F


class ChannelAttentionModule(nn.Module):
    def __init__(self, channel, reduction=16):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.max_pool = nn.AdaptiveMaxPool2d(1)
        hidden = channel // reduction
        self.shared_MLP = nn.Sequential(nn.Linear(channel, hidden), nn.ReLU(), nn.Linear(hidden, channel))

    def forward(self, x):
        pooled = torch.stack([x.mean(dim=(2, 3)), x.amax(dim=(2, 3))])  # (2, N, C)
        logits = self.shared_MLP(pooled).sum(dim=0)
        return torch.sigmoid(logits)[:, :, None, None]


class SpatialAttentionModule(nn.Module):
    def __init__(self, kernel_size=7):
        super().__init__()
        self.conv2d = nn.Conv2d(in_channels=2, out_channels=1, kernel_size=kernel_size, padding=kernel_size // 2)

    def forward(self, x):
        descriptor = torch.cat([x.mean(1, keepdim=True), x.amax(1, keepdim=True)], 1)
        k = self.conv2d.kernel_size[0]
        return torch.sigmoid(F.conv2d(descriptor, self.conv2d.weight, self.conv2d.bias, padding=k // 2))


class CBAM(nn.Module):
    def __init__(self, channel, reduction=16, kernel_size=7):
        super().__init__()
        self.channel_attention = ChannelAttentionModule(channel, reduction)
        self.spatial_attention = SpatialAttentionModule(kernel_size)

    def forward(self, x):
        x *= self.channel_attention(x)
        x *= self.spatial_attention(x)
        return x
