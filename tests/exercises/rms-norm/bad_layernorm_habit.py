# Wrong: subtracts the mean out of LayerNorm habit (RMSNorm does not re-centre).
# fails: the mean is not subtracted (x in [2, 4])
# fails: float32 (2, 5, 8) - values, float32 output and the gradient of x
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        centred = x - x.mean(-1, keepdim=True)
        return centred * torch.rsqrt(centred.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight
