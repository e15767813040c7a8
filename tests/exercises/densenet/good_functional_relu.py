# torchvision's style: F.relu in forward (no ReLU modules, which hold no state), a bottleneck helper,
# nn.Dropout as a module, avg_pool2d over the whole final map
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


class _DenseLayer(nn.Module):
    def __init__(self, num_input_features, growth_rate, bn_size, drop_rate):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(num_input_features)
        self.conv1 = nn.Conv2d(num_input_features, bn_size * growth_rate, kernel_size=1, stride=1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, kernel_size=3, stride=1, padding=1, bias=False)
        self.dropout = nn.Dropout(drop_rate)

    def bottleneck(self, x):
        return self.conv1(F.relu(self.norm1(x)))

    def forward(self, x):
        new_features = self.conv2(F.relu(self.norm2(self.bottleneck(x))))
        return torch.cat([x, self.dropout(new_features)], 1)


class _DenseBlock(nn.ModuleDict):
    def __init__(self, num_layers, num_input_features, bn_size, growth_rate, drop_rate):
        super().__init__()
        for i in range(num_layers):
            self[f"denselayer{i + 1}"] = _DenseLayer(num_input_features + i * growth_rate, growth_rate,
                                                     bn_size, drop_rate)

    def forward(self, x):
        for _, layer in self.items():
            x = layer(x)
        return x


class _Transition(nn.Sequential):
    def __init__(self, num_input_feature, num_output_features):
        super().__init__(OrderedDict(
            norm=nn.BatchNorm2d(num_input_feature),
            relu=nn.ReLU(inplace=True),
            conv=nn.Conv2d(num_input_feature, num_output_features, kernel_size=1, bias=False),
            pool=nn.AvgPool2d(kernel_size=2, stride=2),
        ))


class DenseNet(nn.Module):
    def __init__(self, growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64,
                 bn_size=4, compression_rate=0.5, drop_rate=0, num_classes=1000):
        super().__init__()
        layers = OrderedDict()
        layers["conv0"] = nn.Conv2d(3, num_init_features, kernel_size=7, stride=2, padding=3, bias=False)
        layers["norm0"] = nn.BatchNorm2d(num_init_features)
        layers["relu0"] = nn.ReLU(inplace=True)
        layers["pool0"] = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        num_features = num_init_features
        for i, num_layers in enumerate(block_config):
            layers[f"denseblock{i + 1}"] = _DenseBlock(num_layers, num_features, bn_size, growth_rate, drop_rate)
            num_features += num_layers * growth_rate
            if i < len(block_config) - 1:
                layers[f"transition{i + 1}"] = _Transition(num_features, int(num_features * compression_rate))
                num_features = int(num_features * compression_rate)
        layers["norm5"] = nn.BatchNorm2d(num_features)
        self.features = nn.Sequential(layers)
        self.classifier = nn.Linear(num_features, num_classes)

    def forward(self, x):
        features = F.relu(self.features(x))
        out = F.avg_pool2d(features, kernel_size=features.shape[-2:])
        return self.classifier(torch.flatten(out, 1))
