# checks the arguments, then hands the work to torch.conv2d
# fails: written by hand, without the builtins it replaces
import torch


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    if x.dim() != 4 or weight.dim() != 4:
        raise ValueError("x and weight must be 4-D")
    if x.shape[1] % groups or weight.shape[0] % groups or weight.shape[1] * groups != x.shape[1]:
        raise ValueError("channels do not match groups")
    return torch.conv2d(x, weight, bias, stride, padding, dilation, groups)
