"""What a call leaves behind: gradients in arguments, updated modules, returned tensors' .grad and flags.

`compare` looks at the returned value and at the gradients of plain tensor
arguments. Code that works in place on a list or generator of tensors
(clip_grad_norm_), or returns a parameter whose .grad and requires_grad
matter (LoRA's frozen base), needs more: `same_as_reference` compares
everything a call leaves behind, deeply, with what the reference leaves.
"""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, numpy, prop


def _deep(expected: Any, got: Any, where: str, rtol: float | None, atol: float | None, flags: bool) -> str | None:
    """The first difference between two results, looking into lists, dicts and modules, and at every .grad."""
    from quizdl.grader.compare import difference
    from quizdl.grader.protocol import Arr, ModuleResult

    if isinstance(expected, Arr):
        if problem := difference(expected, got, rtol=rtol, atol=atol, where=where):
            return problem
        want_grad = None if expected.grad is None else Arr(expected.framework, expected.dtype, expected.grad)
        have_grad = None if got.grad is None else Arr(got.framework, got.dtype, got.grad)
        if want_grad is None and have_grad is not None and not numpy().any(have_grad.data):
            have_grad = None  # a zero gradient where the reference has None: the same to an optimizer
        if want_grad is not None and have_grad is None:
            return Detail("prop.want_gradient", where=where)
        if problem := difference(want_grad, have_grad, rtol=rtol, atol=atol,
                                 where=Detail("detail.attribute", where=where, name="grad")):
            return problem
        if flags and expected.requires_grad != got.requires_grad:
            return (f"{where}: requires_grad is {got.requires_grad}, expected {expected.requires_grad}"
                    + (" (computed outside torch.no_grad(), or not detached)" if got.requires_grad else ""))
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            return difference(expected, got, where=where)
        for index, (e, g) in enumerate(zip(expected, got)):
            if problem := _deep(e, g, Detail("detail.item", where=where, key=index), rtol, atol, flags):
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict) or set(got) != set(expected):
            return difference(expected, got, where=where)
        for key in expected:
            if problem := _deep(expected[key], got[key], Detail("detail.item", where=where, key=key), rtol, atol,
                                flags):
                return problem
        return None
    if isinstance(expected, ModuleResult):
        if problem := difference(expected, got, rtol=rtol, atol=atol, where=where):
            return problem
        for name in expected.tensors:  # the same keys and values: now their .grad (parameters carry one)
            if problem := _deep(expected.tensors[name], got.tensors[name],
                                Detail("detail.attribute", where=where, name=name), rtol, atol, False):
                return problem
        return None
    return difference(expected, got, rtol=rtol, atol=atol, where=where)


@prop
def same_as_reference(outcomes: list[list[Any]], calls: list[Any], solution: str, rtol: float | None = None,
                      atol: float | None = None, requires_grad: bool = False) -> Verdict:
    """Every call (reuse chains included) leaves what the reference (`solutions/<solution>`) leaves: the same
    result and the same arguments afterwards, looking into lists, generators' items and modules, with every
    tensor's .grad (a returned parameter's too); with `requires_grad`, returned tensors' requires_grad flags
    must match as well (averages kept without autograd).

    A module's parameters are compared with their .grad too. A None gradient and an all-zero one count as equal
    (an optimizer treats both alike)."""
    from quizdl.grader import judge
    from quizdl.grader.runner import import_file
    from quizdl.paths import solutions_dir

    reference = import_file(solutions_dir() / solution, f"quizdl_reference_{solution.removesuffix('.py')}_after")
    expected = judge.outcomes_here(reference, calls, reference)
    for number, (want, got) in enumerate(zip(expected, outcomes)):
        if want[0].error is not None:
            raise RuntimeError(f"the reference fails call {number + 1}: {want[0].error}")
        nth = Detail("prop.nth_call", n=number + 1, total=len(calls)) if len(calls) > 1 else ""
        have = got[0]
        if problem := _deep(want[0].returned, have.returned, Detail("detail.result"), rtol, atol, requires_grad):
            return False, Detail("prop.problem_nth", problem=problem, nth=nth)
        for index, after in enumerate(want[0].args_after):
            if problem := _deep(after, have.args_after[index], Detail("prop.argument_after", index=index), rtol, atol,
                                False):
                return False, Detail("prop.problem_nth", problem=problem, nth=nth)
    return True, "the result and the arguments afterwards (values and gradients) match the reference"


@prop
def returned_not_all_zeros(outcomes: list[list[Any]], calls: list[Any], shape: list[int] | None = None) -> Verdict:
    """The last call returned a tensor (of `shape`, when given) with at least one non-zero element: what a
    random initialisation gives, and what a zero initialisation does not."""
    np = numpy()
    returned = outcomes[-1][0].returned
    value = getattr(returned, "data", None)
    if value is None:
        return False, Detail("prop.want_tensor", got=type(returned).__name__)
    if shape is not None and tuple(value.shape) != tuple(shape):
        return False, Detail("prop.want_shape", want=tuple(shape), got=tuple(value.shape))
    if not np.any(value):
        return False, Detail("prop.all_zeros_init")
    return True, f"shape {tuple(value.shape)}, not all zeros"
