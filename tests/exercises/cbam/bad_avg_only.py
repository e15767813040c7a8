# channel attention from average pooling alone (forgets the max-pooled branch)
# fails: CBAM(16, 4, 3) in float64
# fails: ChannelAttentionModule(24, 4) has a hidden width of channel // reduction = 6
import torch
import torch.nn as nn


class ChannelAttentionModule(nn.Module):
    """sigmoid(MLP(avgpool(x)) + MLP(maxpool(x))), one weight per channel: (N, C, 1, 1)."""

    def __init__(self, channel, reduction=16):
        super().__init__()
        mid_channel = channel // reduction
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.max_pool = nn.AdaptiveMaxPool2d(1)
        self.shared_MLP = nn.Sequential(
            nn.Linear(channel, mid_channel),
            nn.ReLU(inplace=True),
            nn.Linear(mid_channel, channel),
        )

    def forward(self, x):
        n, c = x.shape[:2]
        avg_out = self.shared_MLP(self.avg_pool(x).view(n, c))
        max_out = self.shared_MLP(self.avg_pool(x).view(n, c))
        return torch.sigmoid(avg_out + max_out).view(n, c, 1, 1)


class SpatialAttentionModule(nn.Module):
    """sigmoid(conv([mean over C, max over C])), one weight per position: (N, 1, H, W)."""

    def __init__(self, kernel_size=7):
        super().__init__()
        self.conv2d = nn.Conv2d(2, 1, kernel_size, padding=kernel_size // 2)

    def forward(self, x):
        avg_out = torch.mean(x, dim=1, keepdim=True)
        max_out, _ = torch.max(x, dim=1, keepdim=True)
        return torch.sigmoid(self.conv2d(torch.cat([avg_out, max_out], dim=1)))


class CBAM(nn.Module):
    """Refine x by channel attention, then refine the result by spatial attention (sequentially)."""

    def __init__(self, channel, reduction=16, kernel_size=7):
        super().__init__()
        self.channel_attention = ChannelAttentionModule(channel, reduction)
        self.spatial_attention = SpatialAttentionModule(kernel_size)

    def forward(self, x):
        out = x * self.channel_attention(x)
        return out * self.spatial_attention(out)
