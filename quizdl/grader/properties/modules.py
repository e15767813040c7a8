"""Modules and gradients: parameter counts, detached inputs."""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, numpy, prop


@prop
def parameter_count(outcomes: list[list[Any]], calls: list[Any], count: int) -> Verdict:
    """The returned module has exactly `count` parameters (sum of numel)."""
    module = outcomes[0][0].returned
    got = getattr(module, "parameters", None)
    if got is None:
        return False, Detail("prop.want_module", got=type(module).__name__)
    return got == count, Detail("prop.parameters", got=got, want=count)


@prop
def no_gradient(outcomes: list[list[Any]], calls: list[Any], arg: int) -> Verdict:
    """After backward, argument `arg` received no gradient (it was detached)."""
    np = numpy()
    after = outcomes[0][0].args_after[arg]
    if not hasattr(after, "grad"):
        return False, Detail("prop.not_tensor_arg", arg=arg)
    if after.grad is None or not np.any(after.grad):
        return True, f"argument {arg} gets no gradient"
    return False, Detail("prop.got_gradient", arg=arg, largest=np.abs(after.grad).max())
