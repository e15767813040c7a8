# F.conv2d with the modules' weights; the shortcut as an always-present Sequential (empty = no parameters)
import torch
import torch.nn as nn
import torch.nn.functional as F


class PreActBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.stride = stride
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut.append(nn.Conv2d(in_planes, planes, kernel_size=1, stride=stride, bias=False))

    def forward(self, x):
        pre = torch.relu(self.bn1(x))
        h = F.conv2d(pre, self.conv1.weight, stride=self.stride, padding=1)
        h = F.conv2d(torch.relu(self.bn2(h)), self.conv2.weight, padding=1)
        skip = self.shortcut(pre) if len(self.shortcut) else x
        return h + skip
