"""Rating an answer in one's own words by the key points it covered.

The learner ticks, on the model answer's checklist, the points their answer
made; the share of points gives the rating the scheduler sees, so an explain
question is reviewed sooner when the explanation missed things. The learner
may override the suggestion (they know a point was there in other words).
"""

from __future__ import annotations

from quizdl.progress.schedule import Rating


def rating_for(covered: int, total: int) -> Rating:
    """All points: Good; at least half: Hard; fewer: Again."""
    if total <= 0 or not 0 <= covered <= total:
        raise ValueError(f"covered {covered} of {total} points")
    if covered == total:
        return Rating.GOOD
    return Rating.HARD if 2 * covered >= total else Rating.AGAIN


def toggle(ticked: set[int], keys: str, total: int) -> set[int]:
    """Tick or untick the points typed as digits ("13" toggles points 1 and 3); ValueError for anything else."""
    numbers = [int(key) for key in keys if key.isdigit()]
    if not keys or len(numbers) != len(keys) or not all(1 <= n <= total for n in numbers):
        raise ValueError(keys)
    result = set(ticked)
    for number in numbers:
        result ^= {number}
    return result
