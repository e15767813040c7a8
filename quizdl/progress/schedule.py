"""Spaced repetition: the FSRS scheduler behind a small adapter.

The rest of quizdl deals in `CardState` and `Rating` and passes the current time
in, so it never touches fsrs objects and tests can use fixed UTC datetimes.
fsrs fuzzes review intervals with Python's global `random`; tests turn fuzzing
off (`Scheduler(fuzz=False)`) rather than seeding global state. fsrs is imported at the first review, not
when a session starts: its first question is on screen sooner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import IntEnum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs


class Rating(IntEnum):
    """How well the learner recalled; the numbers are FSRS's and are stored in the database."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@dataclass(frozen=True)
class CardState:
    """FSRS memory state of one question."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    def to_fsrs(self) -> fsrs.Card:
        import fsrs

        # card_id 0: quizdl keys cards by question id; fsrs would otherwise sleep 1 ms to make an id
        return fsrs.Card(
            card_id=0,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    @classmethod
    def from_fsrs(cls, card: fsrs.Card) -> CardState:
        return cls(int(card.state), card.step, card.stability, card.difficulty, card.due, card.last_review)


class Scheduler:
    def __init__(self, *, fuzz: bool = True, desired_retention: float = 0.9) -> None:
        self._fuzz, self._retention = fuzz, desired_retention

    @cached_property
    def _fsrs(self) -> fsrs.Scheduler:
        import fsrs

        return fsrs.Scheduler(desired_retention=self._retention, enable_fuzzing=self._fuzz)

    def review(self, card: CardState | None, rating: Rating, now: datetime) -> CardState:
        """The card's state after a review at `now` (a new card when `card` is None)."""
        import fsrs

        _require_utc(now)
        current = card.to_fsrs() if card else fsrs.Card(card_id=0, due=now)
        updated, _log = self._fsrs.review_card(current, fsrs.Rating(int(rating)), review_datetime=now)
        return CardState.from_fsrs(updated)

    def retrievability(self, card: CardState, at: datetime) -> float:
        """FSRS's probability that the card is recalled at `at` (0 for a card never reviewed)."""
        _require_utc(at)
        return float(self._fsrs.get_card_retrievability(card.to_fsrs(), at))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def local_day(moment: datetime) -> tuple[datetime, datetime]:
    """The start and end of the learner's local calendar day containing `moment`."""
    start = moment.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


def _require_utc(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() != timezone.utc.utcoffset(None):
        raise ValueError(f"FSRS needs timezone-aware UTC datetimes, got {moment!r}")
