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


def reviews_per_day(store: Store) -> Counter[date]:
    """How many reviews were made on each local calendar day, counted by SQLite from the counts per UTC quarter
    hour: converting tens of thousands of quarter hours to local time one by one was most of `stats`'s time."""
    span = store.slot_span()
    if span is None:
        return Counter()
    days = store.reviews_per_day(offset_periods(*span))
    return Counter({date.fromisoformat(day): count for day, count in days.items()})


_QUARTER = timedelta(minutes=15)


def offset_periods(first: datetime, end: datetime) -> list[tuple[datetime, datetime, int]]:
    """[first, end) cut where the local UTC offset changes (daylight saving time), each span with its offset
    in minutes. `first` is on the UTC quarter-hour grid. The offset is read at every UTC day's step; where it
    changed, the quarter hour of the change is found by bisection (a zone changes at most once a day)."""

    def offset(moment: datetime) -> int:
        return round(moment.astimezone().utcoffset().total_seconds() / 60)  # type: ignore[union-attr]

    periods = []
    start, current, probe = first, offset(first), first
    while probe < end:
        step = min(probe + timedelta(days=1), end)
        if offset(step) == current:
            probe = step
            continue
        low, high = probe, step  # offset(low) is the current one, offset(high) is not
        while high - low > _QUARTER:
            middle = first + (low + (high - low) / 2 - first) // _QUARTER * _QUARTER
            low, high = (middle, high) if offset(middle) == current else (low, middle)
        periods.append((start, high, current))
        start, current, probe = high, offset(high), high
    periods.append((start, end, current))
    return periods


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
        per_day = reviews_per_day(store)
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
