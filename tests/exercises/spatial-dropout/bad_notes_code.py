# the notes' Spatial_Dropout (written for (N, L, E) text): its noise (N, 1, 1, x.size(2)) drops columns of an NCHW map
# and p is never checked
# fails: whole channels are dropped, never single pixels
# fails: about a fraction p of the channels is dropped
# fails: each sample and each channel gets its own draw
# fails: p = 1.5 raises ValueError
# fails: p = -0.1 raises ValueError
# fails: N = 1 with a 3x2 map, float64: whole channels dropped
import torch.nn as nn
from itertools import repeat


class SpatialDropout2d(nn.Module):
    def __init__(self, drop_prob):
        super(SpatialDropout2d, self).__init__()
        self.drop_prob = drop_prob

    def forward(self, inputs):
        output = inputs.clone()
        if not self.training or self.drop_prob == 0:
            return inputs
        else:
            noise = self._make_noise(inputs)
            if self.drop_prob == 1:
                noise.fill_(0)
            else:
                noise.bernoulli_(1 - self.drop_prob).div_(1 - self.drop_prob)
            noise = noise.expand_as(inputs)
            output.mul_(noise)
        return output

    def _make_noise(self, input):
        return input.new().resize_(input.size(0), *repeat(1, input.dim() - 2), input.size(2))
