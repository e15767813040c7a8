"""Progress figures for `quizdl stats`: per-topic counts, reviews per day, and the streak."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from quizdl.bank.catalog import Catalog
from quizdl.progress.schedule import CardState
from quizdl.progress.store import Store


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
    catalog: Catalog, cards: dict[str, CardState], suspended: set[str], totals: dict[str, tuple[int, int]],
    now: datetime,
) -> list[TopicStats]:
    """One row per topic, from each question's (reviews, recalled) totals; questions no longer in the banks are
    left out."""
    rows = []
    for topic in catalog.topics():
        ids = [q.id for q in catalog.by_topic[topic]]
        rows.append(
            TopicStats(
                topic,
                total=len(ids),
                seen=sum(i in cards for i in ids),
                due=sum(i in cards and cards[i].due <= now and i not in suspended for i in ids),
                suspended=sum(i in suspended for i in ids),
                reviews=sum(totals.get(i, (0, 0))[0] for i in ids),
                recalled=sum(totals.get(i, (0, 0))[1] for i in ids),
            )
        )
    return rows


def reviews_per_day(per_slot: list[tuple[datetime, int]]) -> Counter[date]:
    """How many reviews were made on each local calendar day, from the counts per UTC quarter hour."""
    days: Counter[date] = Counter()
    for start, count in per_slot:
        days[start.astimezone().date()] += count
    return days


def streak(per_day: Counter[date], today: date) -> int:
    """Consecutive days with at least one review, ending today (or yesterday, if today is still open)."""
    day = today if per_day[today] else today - timedelta(days=1)
    length = 0
    while per_day[day]:
        length += 1
        day -= timedelta(days=1)
    return length


@dataclass(frozen=True)
class Progress:
    """Everything `quizdl stats` shows, read from the store's running totals (never from the whole log)."""

    topics: list[TopicStats]
    per_day: Counter[date]
    streak: int
    today: date

    @classmethod
    def read(cls, catalog: Catalog, store: Store, now: datetime) -> Progress:
        per_day = reviews_per_day(store.reviews_per_slot())
        today = now.astimezone().date()
        return cls(topic_stats(catalog, store.cards(), store.suspended(), store.totals(), now), per_day,
                   streak(per_day, today), today)

    def as_json(self) -> dict:
        """The same figures for people who plot their own: plain numbers, ISO dates, English keys."""
        return {
            "today": self.today.isoformat(),
            "streak_days": self.streak,
            "reviews": sum(self.per_day.values()),
            "topics": [
                {"topic": t.topic, "questions": t.total, "seen": t.seen, "due": t.due, "suspended": t.suspended,
                 "reviews": t.reviews, "recalled": t.recalled, "accuracy": t.accuracy}
                for t in self.topics
            ],
            "reviews_per_day": {day.isoformat(): n for day, n in sorted(self.per_day.items())},
        }
