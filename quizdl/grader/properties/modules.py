"""Modules and gradients: parameter counts, detached inputs."""

from __future__ import annotations

from typing import Any

from quizdl.grader.properties import Verdict, numpy, prop


@prop
def parameter_count(outcomes: list[list[Any]], calls: list[Any], count: int) -> Verdict:
    """The returned module has exactly `count` parameters (sum of numel)."""
    module = outcomes[0][0].returned
    got = getattr(module, "parameters", None)
    if got is None:
        return False, f"expected an nn.Module, got {type(module).__name__}"
    return got == count, f"{got:,} parameters; expected {count:,}"


@prop
def no_gradient(outcomes: list[list[Any]], calls: list[Any], arg: int) -> Verdict:
    """After backward, argument `arg` received no gradient (it was detached)."""
    np = numpy()
    after = outcomes[0][0].args_after[arg]
    if not hasattr(after, "grad"):
        return False, f"argument {arg} is not a tensor, so no gradient can be checked"
    if after.grad is None or not np.any(after.grad):
        return True, f"argument {arg} gets no gradient"
    return False, f"argument {arg} received a gradient (largest {np.abs(after.grad).max():.3g}): detach it"
