# functional BN with momentum 0.9 (Keras' meaning): the training output is right, but the running statistics
# move 90% towards the batch, so eval after training is wrong
# fails: train, then eval on the same block: BN uses the running statistics the training call updated
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

    def _bn(self, bn, x):
        # momentum 0.9, Keras' convention (the weight of the old running value); PyTorch's 0.1 is the new value's
        return F.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, self.training, 0.9, bn.eps)

    def forward(self, x):
        pre = torch.relu(self._bn(self.bn1, x))
        h = F.conv2d(pre, self.conv1.weight, stride=self.stride, padding=1)
        h = F.conv2d(torch.relu(self._bn(self.bn2, h)), self.conv2.weight, padding=1)
        skip = self.shortcut(pre) if len(self.shortcut) else x
        return h + skip
