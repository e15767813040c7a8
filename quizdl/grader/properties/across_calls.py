"""Properties across several calls: a fresh generator where the contract asks for one, new draws at every call, a module that returns its input after other calls."""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, data, numpy, prop


@prop
def differs_under_same_seed(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Calls 1 and 2 run after the same global seeds (torch, numpy, random) and must still differ.

    A fresh `np.random.default_rng()` draws OS entropy, so two calls disagree
    (the inputs must make equal draws vanishingly rare); numpy's global
    generator (`np.random.random`, `rng or np.random`) repeats itself under
    the grader's seed.
    """
    np = numpy()
    if len(calls) != 2 or calls[0].seed != calls[1].seed:
        raise ValueError("differs_under_same_seed needs two calls with the same seed")
    first, second = data(outcomes[0][0].returned), data(outcomes[1][0].returned)
    if first.shape == second.shape and np.array_equal(first, second):
        return False, Detail("prop.global_numpy")
    return True, "without rng, the draw comes from a fresh generator (the global seed does not repeat it)"


@prop
def second_call_differs(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Call 2 (usually `reuse`: the same object called again, after other seeds) draws anew: in at least one
    trial its result differs from call 1's, so an object that drew its randomness once, when built, fails."""
    np = numpy()
    if len(calls) != 2 or calls[0].trials != calls[1].trials:
        raise ValueError("second_call_differs needs two calls with the same number of trials")
    for first, second in zip(outcomes[0], outcomes[1]):
        a, b = data(first.returned), data(second.returned)
        if a.shape != b.shape or not np.array_equal(a, b):
            return True, "a second call on the same object draws new randomness"
    return False, Detail("prop.second_call_same", n=len(outcomes[0]))


@prop
def call_returns_input(outcomes: list[list[Any]], calls: list[Any], call: int) -> Verdict:
    """Call number `call` (0-based; e.g. a `reuse` call in eval mode after a call in train mode) returns a
    tensor equal to its first argument: same framework, dtype, shape and values."""
    from quizdl.grader.properties import argument
    from quizdl.grader.protocol import Arr

    np = numpy()
    x = argument(calls[call])
    for trial, outcome in enumerate(outcomes[call]):
        got = outcome.returned
        if not isinstance(got, Arr):
            return False, Detail("prop.not_its_input", call=call + 1, got=type(got).__name__)
        if got.dtype != str(x.dtype) or got.data.shape != x.shape:
            return False, Detail("prop.input_kind", call=call + 1, dtype=got.dtype, shape=got.data.shape,
                                 want_dtype=x.dtype, want_shape=x.shape)
        if not np.array_equal(got.data, x):
            where = tuple(int(i) for i in np.argwhere(got.data != x)[0])
            return False, Detail("prop.input_changed", call=call + 1, trial=trial, index=where, was=x[where],
                                 now=got.data[where])
    return True, f"call {call + 1} returns its input unchanged"
