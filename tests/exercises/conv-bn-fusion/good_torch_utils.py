# torch's own helper, on eval-mode copies (it refuses modules in train mode); the result is in eval mode,
# which must not matter for a Conv2d
import copy

from torch.nn.utils.fusion import fuse_conv_bn_eval


def fuse_conv_bn(conv, bn):
    return fuse_conv_bn_eval(copy.deepcopy(conv).eval(), copy.deepcopy(bn).eval())
