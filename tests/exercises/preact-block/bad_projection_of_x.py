# the projection shortcut takes the raw x instead of the shared pre-activation
# fails: stride 2 (8 -> 8): a 1x1 stride-2 projection of relu(bn1(x)), stride on conv1
# fails: a channel change at stride 1 (4 -> 8) also needs the projection
# fails: stride 2 and 4 -> 8 channels in train mode
# fails: train, then eval on the same block: BN uses the running statistics the training call updated
import torch.nn as nn
import torch.nn.functional as F


class PreActBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.shortcut = None
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False))

    def forward(self, x):
        out = F.relu(self.bn1(x))
        # the identity path is x itself; a projection shares the block's pre-activation
        shortcut = x if self.shortcut is None else self.shortcut(x)
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + shortcut  # nothing after the addition: a clean identity path
