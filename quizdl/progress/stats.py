"""Progress figures for `quizdl stats`: per-topic counts, reviews per day, and the streak."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from quizdl.bank.catalog import Catalog
from quizdl.progress.schedule import CardState
from quizdl.progress.store import Review


@dataclass(frozen=True)
class TopicStats:
    topic: str
    total: int
    seen: int
    due: int
    suspended: int
    reviews: int
    recalled: int

    @property
    def accuracy(self) -> float | None:
        return self.recalled / self.reviews if self.reviews else None


def topic_stats(
    catalog: Catalog, cards: dict[str, CardState], suspended: set[str], reviews: list[Review], now: datetime
) -> list[TopicStats]:
    """One row per topic; questions no longer in the banks are left out."""
    per_question_reviews = Counter(r.question_id for r in reviews)
    per_question_recalled = Counter(r.question_id for r in reviews if r.recalled)
    rows = []
    for topic in catalog.topics():
        ids = [q.id for q in catalog.select([topic])]
        rows.append(
            TopicStats(
                topic,
                total=len(ids),
                seen=sum(i in cards for i in ids),
                due=sum(i in cards and cards[i].due <= now and i not in suspended for i in ids),
                suspended=sum(i in suspended for i in ids),
                reviews=sum(per_question_reviews[i] for i in ids),
                recalled=sum(per_question_recalled[i] for i in ids),
            )
        )
    return rows


def reviews_per_day(reviews: list[Review]) -> Counter[date]:
    """How many reviews were made on each local calendar day."""
    return Counter(r.reviewed_at.astimezone().date() for r in reviews)


def streak(per_day: Counter[date], today: date) -> int:
    """Consecutive days with at least one review, ending today (or yesterday, if today is still open)."""
    day = today if per_day[today] else today - timedelta(days=1)
    length = 0
    while per_day[day]:
        length += 1
        day -= timedelta(days=1)
    return length
