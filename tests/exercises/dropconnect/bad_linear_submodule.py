# wraps an nn.Linear: the parameters are linear.weight and linear.bias, so nn.Linear's state_dict does not load
# fails: nn.Linear's state_dict keys and shapes, weight (out, in) and bias (out,)
# fails: bias=False gives no bias parameter and y = x @ W.T
# fails: weight and bias start as nn.Linear's, U(-1/sqrt(in_features), 1/sqrt(in_features))
# fails: eval mode is the plain layer x @ W.T + b
# fails: p = 0 in training is the plain layer
# fails: p = 1 in training drops every weight, y = bias, not nan
# fails: each weight is dropped or kept and scaled by 1 / (1 - p)
# fails: about a fraction p of the weights is dropped
# fails: one mask per call, shared by every row of the batch
# fails: the bias is never dropped or scaled
# fails: the mask comes from the global RNG, new at every call
# fails: x is not modified
# fails: p = 1 without a bias gives zeros
# fails: called again, the same layer draws a new mask
# fails: eval after training is still the plain layer (float64, the weights untouched)
# fails: a coin per weight: no row or column shares one, the count varies
import torch
import torch.nn.functional as F
from torch import nn


class DropConnectLinear(nn.Module):
    def __init__(self, in_features, out_features, p=0.5, bias=True):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(p)
        self.p = p
        self.linear = nn.Linear(in_features, out_features, bias)

    def forward(self, x):
        weight = self.linear.weight
        if self.training and self.p > 0:
            mask = (torch.rand(weight.shape) >= self.p).to(weight.dtype)
            weight = weight * mask / (1 - self.p) if self.p < 1 else weight * 0
        return F.linear(x, weight, self.linear.bias)
