"""Randomness drawn from the global generators: the same seed repeats a result, another seed changes it."""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, data, numpy, prop


@prop
def reproducible_under_seed(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Calls 1 and 2 run after the same global seed and must agree; call 3 runs after other seeds and must differ.

    Call 3 may have several trials (seeds s', s' + 1, ...); the trials seeded
    like call 1 are skipped, and one result unlike call 1's among the others
    is enough, so a correct submission whose draws can coincide by chance (a
    small hole, a small mask) still passes. (Call 3 may start at call 1's
    seed: with `reference_state`, a module's weights come from the call's
    first seed, so the weights match call 1's while later trials draw anew.)

    The grader seeds torch, numpy and random before every call, so this tells
    the global generators (what the contracts ask for) from a private,
    unseeded or fixed-seed generator; it cannot tell torch's from numpy's.
    """
    np = numpy()
    if len(calls) != 3 or calls[0].seed != calls[1].seed:
        raise ValueError("reproducible_under_seed needs three calls: seeds s, s, then others")
    others = [o for t, o in enumerate(outcomes[2]) if calls[2].seed + t != calls[0].seed]
    if not others:
        raise ValueError("the third call of reproducible_under_seed needs a seed other than the first call's")
    first, second = data(outcomes[0][0].returned), data(outcomes[1][0].returned)
    if first.shape != second.shape or not np.array_equal(first, second):
        return False, Detail("prop.global_differs")
    if all(first.shape == data(o.returned).shape and np.array_equal(first, data(o.returned)) for o in others):
        return False, Detail("prop.global_same", n=1 + len(others))
    return True, "the randomness follows the global seed: same seed, same result; another seed, another result"
