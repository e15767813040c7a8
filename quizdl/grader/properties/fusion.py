"""Re-parameterisation: a returned conv must compute what the modules it replaces computed."""

from __future__ import annotations

import copy
from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, numpy, prop


@prop
def equals_conv_then_bn(outcomes: list[list[Any]], calls: list[Any], conv: int = 0, bn: int = 1) -> Verdict:
    """The returned module is an nn.Conv2d with a bias, its weight shaped like the conv's, whose output on
    the call's probe equals bn(conv(probe)) with bn in eval mode, computed here in float64.

    The returned module's own train/eval flag is ignored: a Conv2d computes the same in either mode.
    """
    import torch

    from quizdl.grader.compare import difference
    from quizdl.grader.protocol import Arr
    from quizdl.grader.values import build

    np = numpy()
    call = calls[0]
    fused = outcomes[0][0].returned
    if getattr(fused, "cls", None) is None or not hasattr(fused, "tensors"):
        return False, Detail("prop.want_conv", got=type(fused).__name__)
    if fused.cls != "Conv2d":
        return False, Detail("prop.want_conv_class", got=fused.cls)
    if "bias" not in fused.tensors:
        return False, Detail("prop.fused_no_bias")
    original_conv, original_bn = build(call.args[conv]), build(call.args[bn])
    want_shape = tuple(original_conv.weight.shape)
    if fused.tensors["weight"].data.shape != want_shape:
        return False, Detail("prop.fused_shape", got=fused.tensors["weight"].data.shape, want=want_shape)
    if call.probe is None or fused.output is None:
        return False, Detail("prop.no_probe")
    reference_conv = copy.deepcopy(original_conv).double()
    reference_bn = copy.deepcopy(original_bn).double().eval()
    probe = build(call.probe)
    with torch.no_grad():
        expected = reference_bn(reference_conv(probe.double())).numpy()
    want = Arr("torch", str(probe.dtype).removeprefix("torch."), expected.astype(np.float64))
    if problem := difference(want, fused.output, where="fused(x)"):
        return False, Detail("prop.fused_differs", problem=problem)
    return True, "fused(x) equals bn(conv(x)) with bn in eval mode"
