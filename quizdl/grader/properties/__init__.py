"""Named checks for what a reference cannot pin down: randomness, structure, gradients.

A stochastic exercise (dropout, Cutout, DropBlock, ...) cannot be compared with
the reference's random stream, so it is judged by properties over many trials
with fixed seeds. Bounds sit many standard deviations from the mean: a correct
submission does not fail by bad luck (the chance is far below one in a
billion), while the usual mistakes miss them by a wide margin.

A property gets, for each call of its check, the list of per-trial outcomes,
the call specs (to rebuild the inputs), and its `with:` parameters; it returns
(passed, detail). Each module of this package holds one family and registers
its properties with `@prop`; they import numpy inside, so that naming a
property in a bank does not make `quizdl lint` import numpy.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from typing import Any, Callable

from quizdl.detail import Detail

Verdict = tuple[bool, str]
Property = Callable[..., Verdict]
PROPERTIES: dict[str, Property] = {}
SIGMAS = 6.0


def prop(function: Property) -> Property:
    if function.__name__ in PROPERTIES:
        raise RuntimeError(f"two properties are named {function.__name__}")
    PROPERTIES[function.__name__] = function
    return function


def numpy():
    import numpy

    return numpy


def data(value: Any) -> Any:
    """The numpy data of an array result; TypeError for anything else."""
    if not hasattr(value, "data") or not hasattr(value, "framework"):
        from quizdl.grader.compare import describe_result

        raise TypeError(Detail("prop.want_array", got=describe_result(value)))
    return value.data


def argument(call: Any, index: int = 0) -> Any:
    """The call's argument `index` as the judge builds it (numpy data)."""
    from quizdl.grader.values import build

    value = build(call.args[index])
    return value.detach().numpy() if hasattr(value, "detach") else numpy().asarray(value)


def nonzero_input(calls: list[Any], layout: str) -> Any:
    """The first argument of a masking check: shaped like `layout` ("CHW", "NCHW") and free of zeros,
    so that a zero in the result means "masked". ValueError otherwise (a badly written check)."""
    x = argument(calls[0])
    if x.ndim != len(layout):
        raise ValueError(f"the input must be ({', '.join(layout)}), got shape {x.shape}")
    if (x == 0).any():
        raise ValueError("the input of a masking check must have no zero element")
    return x


def zeroed(outcome: Any, x: Any, trial: int) -> Any:
    """Where the result is zero; ValueError when the result is not shaped like the input."""
    out = data(outcome.returned)
    if out.shape != x.shape:
        raise ValueError(Detail("prop.trial_shape", trial=trial, got=out.shape, want=x.shape))
    return out == 0


def within(observed: float, expected: float, n: float, what: str, sigmas: float = SIGMAS) -> Verdict:
    """A binomial proportion test: |observed - expected| <= sigmas * sd."""
    sd = math.sqrt(max(expected * (1 - expected), 1e-12) / n)
    ok = abs(observed - expected) <= sigmas * sd + 1e-12
    return ok, Detail("prop.within", what=what, observed=observed, expected=expected, bound=sigmas * sd, sigmas=sigmas)


for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
