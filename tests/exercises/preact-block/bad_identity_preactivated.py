# uses relu(bn1(x)) as the identity shortcut: BN and ReLU end up on the identity path
# fails: identity block in train mode: x + conv2(relu(bn2(conv1(relu(bn1(x))))))
# fails: identity block in eval mode (running statistics), no ReLU after the addition
# fails: float64 in train mode, N = 1 on a 5x3 map; x is not modified
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
        shortcut = out if self.shortcut is None else self.shortcut(out)
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + shortcut  # nothing after the addition: a clean identity path
