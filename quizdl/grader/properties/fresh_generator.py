"""A fresh generator where the contract asks for one: the global seed must not repeat the draw."""

from __future__ import annotations

from typing import Any

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
        return False, ("two calls without rng, after the same global seed, gave the same result: without rng, "
                       "draw from a fresh np.random.default_rng(), not from numpy's global generator")
    return True, "without rng, the draw comes from a fresh generator (the global seed does not repeat it)"
