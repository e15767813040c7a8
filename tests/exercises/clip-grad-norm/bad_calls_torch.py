# delegates to torch's own clip_grad_norm_
# fails: written by hand, without the builtins it replaces
from torch.nn.utils import clip_grad_norm_ as torch_clip


def clip_grad_norm_(parameters, max_norm, norm_type=2.0):
    return torch_clip(parameters, max_norm, norm_type)
