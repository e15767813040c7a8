"""The redraw rule shared by the drills of the transformer, inference and training-at-scale banks.

A listed classic mistake that lands within three tolerances of the answer could be accepted,
or look right once rounded, and would teach nothing; an answer smaller than a few tolerances
is mostly rounding. Each generator passes the tolerance its bank question uses, and a test
checks the two agree.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw

MARGIN = 3
"""How many tolerances a mistake must lie away from the answer."""


def require_apart(answer: float, mistakes: dict[str, float], abs_tol: float = 0.0, rel_tol: float = 1e-9) -> None:
    """Raise Redraw unless every mistake is more than MARGIN tolerances from `answer` and the answer
    itself exceeds MARGIN absolute tolerances (a tolerance accepts |x - a| <= max(abs, rel * |a|))."""
    bound = MARGIN * max(abs_tol, rel_tol * abs(answer))
    if abs(answer) <= MARGIN * abs_tol:
        raise Redraw
    if any(abs(value - answer) <= bound for value in mistakes.values()):
        raise Redraw
