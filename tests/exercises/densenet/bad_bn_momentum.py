# Keras-style BatchNorm momentum 0.01 (a decay of 0.99 ported as is): running statistics move 10x too slowly
# fails: _DenseBlock trained on a batch, then in eval mode (running statistics updated)
import torch
import torch.nn as nn


class _DenseLayer(nn.Module):
    def __init__(self, num_input_features, growth_rate, bn_size, drop_rate):
        super().__init__()
        width = bn_size * growth_rate
        self.norm1 = nn.BatchNorm2d(num_input_features, momentum=0.01)
        self.relu1 = nn.ReLU()
        self.conv1 = nn.Conv2d(num_input_features, width, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(width, momentum=0.01)
        self.relu2 = nn.ReLU()
        self.conv2 = nn.Conv2d(width, growth_rate, 3, padding=1, bias=False)
        self.drop_rate = float(drop_rate)

    def forward(self, x):
        h = self.conv1(self.relu1(self.norm1(x)))
        new = self.conv2(self.relu2(self.norm2(h)))
        if self.training and self.drop_rate > 0:
            keep = (torch.rand_like(new) >= self.drop_rate).to(new.dtype)
            new = new * keep / (1 - self.drop_rate)
        return torch.cat((x, new), dim=1)


class _DenseBlock(nn.Module):
    def __init__(self, num_layers, num_input_features, bn_size, growth_rate, drop_rate):
        super().__init__()
        channels = num_input_features
        for i in range(1, num_layers + 1):
            setattr(self, f"denselayer{i}", _DenseLayer(channels, growth_rate, bn_size, drop_rate))
            channels += growth_rate

    def forward(self, x):
        for layer in self.children():
            x = layer(x)
        return x


class _Transition(nn.Module):
    def __init__(self, num_input_feature, num_output_features):
        super().__init__()
        self.norm = nn.BatchNorm2d(num_input_feature, momentum=0.01)
        self.relu = nn.ReLU()
        self.conv = nn.Conv2d(num_input_feature, num_output_features, 1, bias=False)
        self.pool = nn.AvgPool2d(2, stride=2)

    def forward(self, x):
        return self.conv(self.pool(self.relu(self.norm(x))))


class DenseNet(nn.Module):
    def __init__(self, growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64,
                 bn_size=4, compression_rate=0.5, drop_rate=0, num_classes=1000):
        super().__init__()
        features = nn.Sequential()
        features.add_module("conv0", nn.Conv2d(3, num_init_features, 7, 2, 3, bias=False))
        features.add_module("norm0", nn.BatchNorm2d(num_init_features, momentum=0.01))
        features.add_module("relu0", nn.ReLU())
        features.add_module("pool0", nn.MaxPool2d(3, 2, 1))
        c = num_init_features
        last = len(block_config) - 1
        for i, n in enumerate(block_config, start=1):
            features.add_module(f"denseblock{i}", _DenseBlock(n, c, bn_size, growth_rate, drop_rate))
            c = c + n * growth_rate
            if i - 1 < last:
                out = int(c * compression_rate)
                features.add_module(f"transition{i}", _Transition(c, out))
                c = out
        features.add_module("norm5", nn.BatchNorm2d(c, momentum=0.01))
        features.add_module("relu5", nn.ReLU())
        self.features = features
        self.classifier = nn.Linear(c, num_classes)

    def forward(self, x):
        return self.classifier(self.features(x).mean(dim=(2, 3)))
