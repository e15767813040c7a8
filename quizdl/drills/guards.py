"""Redraw rules shared by the newer drills (transformers, inference, training at scale, detection, margin
losses, backprop in depth, conv cost).

A draw teaches nothing when a listed classic mistake gives (almost) the right
number, when the answer is so small that rounding hides it, or when the exact
answer sits on a rounding tie, where "correctly rounded" has two readings.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw

MARGIN = 3
"""How many tolerances a listed mistake must lie away from the answer."""


def require_distinct(answer: float, mistakes: dict[str, float], tolerance: float, tiny: float = 0.0) -> None:
    """Redraw unless every mistake lies more than 3x `tolerance` from `answer` and |answer| >= `tiny`.

    An exact integer answer has no tolerance: pass `tolerance=0.25`, so a mistake must differ by 1 or more.
    """
    if abs(answer) < tiny:
        raise Redraw
    if any(abs(value - answer) <= MARGIN * tolerance for value in mistakes.values()):
        raise Redraw


def require_apart(answer: float, mistakes: dict[str, float], abs_tol: float = 0.0, rel_tol: float = 1e-9) -> None:
    """`require_distinct` in the terms of a bank question's tolerance (it accepts |x - a| <= max(abs, rel * |a|)):
    mistakes more than 3 such tolerances away, and an answer above 3 absolute tolerances."""
    if abs(answer) <= MARGIN * abs_tol:
        raise Redraw
    require_distinct(answer, mistakes, max(abs_tol, rel_tol * abs(answer)))


def require_clear_rounding(answer: float, decimals: int) -> None:
    """Redraw when `answer` is within a millionth of a last-place unit of a tie (e.g. 0.1235 at 3 decimals)."""
    scaled = abs(answer) * 10**decimals
    if abs(scaled - int(scaled) - 0.5) < 1e-6:
        raise Redraw
