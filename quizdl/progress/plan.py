"""A plan to an interview date: how many new questions a day, and how ready each topic will be.

The rule for the daily quota. A new question is not learned the day it is
first seen: FSRS asks it again after a few minutes, then a few days later.
So every selected question must be introduced early enough to get its first
review on a later day before the interview. `ramp_days` is that delay, as FSRS
schedules it for a question answered Good every time (2 days with the default
parameters). New questions are therefore spread evenly over the days from today
to the cutoff `interview - ramp_days`; the last ones get their first later
review the day before the interview:

    intro_days = max(1, days_left - ramp_days)
    quota      = ceil(unseen at the start of today / intro_days)

The quota is recomputed each day from what is still unseen, so a day missed or a
day overdone spreads over the days that remain. When the interview is too close
for any ramp, everything is due today (`tight`).

The expected review load replays FSRS (Good every time, no fuzz) on every seen
card of the selection and on the new ones as the quota would introduce them, and
counts the reviews (first sights aside) on each day before the interview.

The readiness forecast is FSRS retrievability at the start of the interview day
from the cards as they are now: what would be recalled if no review came in
between (reviews can only raise it). A question never seen counts 0.

Stored as a small JSON file in the data folder, replaced atomically.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path


from quizdl.bank.catalog import Catalog
from quizdl.errors import QuizdlError, UsageError
from quizdl.progress.schedule import CardState, Rating, Scheduler, local_day
from quizdl.progress.store import Review, Store

PLAN_FILE = "plan.json"
AT_RISK = 0.9
"""A topic whose forecast recall is below FSRS's target retention is at risk."""


@dataclass(frozen=True)
class Plan:
    until: date
    """The interview day."""
    topics: tuple[str, ...] = ()
    """The selection; empty means every topic."""


@dataclass(frozen=True)
class Quota:
    days_left: int
    """Days from today to the interview (today counts, the interview day does not)."""
    ramp_days: int
    intro_days: int
    """Days on which new questions are introduced: today and the next intro_days - 1."""
    unseen: int
    """Questions of the selection still unseen at the start of today."""
    per_day: int
    tight: bool
    """The interview is too close for the new questions to be reviewed on a later day."""
    reviews_per_day: list[int]
    """Expected reviews on each day from today to the day before the interview."""

    @property
    def average_reviews(self) -> float:
        return sum(self.reviews_per_day) / len(self.reviews_per_day) if self.reviews_per_day else 0.0


@dataclass(frozen=True)
class TopicForecast:
    topic: str
    questions: int
    recall: float
    """Mean predicted recall on the interview day, unseen questions counting 0."""

    @property
    def at_risk(self) -> bool:
        return self.recall < AT_RISK


# the file ------------------------------------------------------------------


def parse_date(text: str, today: date) -> date:
    """The interview date from YYYY-MM-DD; it must be after today."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--until needs a date like {today + timedelta(days=14)}, not {text!r}") from None
    if day <= today:
        raise UsageError(f"--until {day} is not after today ({today}): the interview must be ahead")
    return day


def load_plan(data_dir: Path) -> Plan | None:
    path = data_dir / PLAN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Plan(date.fromisoformat(data["until"]), tuple(data.get("topics", ())))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise QuizdlError(f"cannot read the plan {path} ({error}): `quizdl plan --clear` removes it") from None


def save_plan(data_dir: Path, plan: Plan) -> None:
    """Write through a temporary file and rename it into place: a crash leaves the old plan or the new one."""
    text = json.dumps({"until": plan.until.isoformat(), "topics": list(plan.topics)}, ensure_ascii=False)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=data_dir, prefix=".plan-", suffix=".json")
    except OSError as error:
        raise QuizdlError(f"cannot write the plan in {data_dir}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        os.replace(temporary, data_dir / PLAN_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def clear_plan(data_dir: Path) -> bool:
    """Remove the plan; False if there was none."""
    try:
        (data_dir / PLAN_FILE).unlink()
        return True
    except FileNotFoundError:
        return False


# the quota -----------------------------------------------------------------


def ramp_days(scheduler: Scheduler, now: datetime) -> int:
    """Days from a question's first sight to its first review on a later day, answered Good every time
    (first seen at noon, so that the minutes of its learning steps never cross midnight)."""
    noon = local_day(now)[0] + timedelta(hours=12)
    start = noon.astimezone(timezone.utc)
    for moment in good_reviews(scheduler, None, start, start + timedelta(days=365)):
        if (day := _day_index(moment, noon)) > 0:
            return day
    raise AssertionError("FSRS never scheduled a review on a later day")


def good_reviews(scheduler: Scheduler, card: CardState | None, now: datetime, before: datetime) -> list[datetime]:
    """When a card would be reviewed from now until `before` if every answer were Good: at `now` if due (or
    new), then at each due date."""
    moments = []
    moment = now if card is None or card.due <= now else card.due
    while moment < before:
        moments.append(moment)
        card = scheduler.review(card, Rating.GOOD, moment)
        moment = card.due
    return moments


def quota(plan: Plan, question_ids: list[str], cards: dict[str, CardState], reviews: list[Review],
          now: datetime, scheduler: Scheduler) -> Quota:
    """Today's number of new questions for `question_ids` (the plan's selection, suspended ones left out)."""
    today_start, _ = local_day(now)
    days_left = (plan.until - today_start.date()).days
    ramp = ramp_days(scheduler, now)
    intro_days = max(1, days_left - ramp)
    first_seen: dict[str, datetime] = {}
    for review in reviews:
        first_seen.setdefault(review.question_id, review.reviewed_at)
    seen_today = {qid for qid, moment in first_seen.items() if moment >= today_start}
    unseen = sum(qid not in cards or qid in seen_today for qid in question_ids)
    per_day = math.ceil(unseen / intro_days)
    interview = interview_moment(plan)
    load: Counter[int] = Counter()
    for qid in question_ids:
        if qid in cards:
            for moment in good_reviews(scheduler, cards[qid], now, interview):
                load[_day_index(moment, now)] += 1
    new_card = good_reviews(scheduler, None, now, interview)[1:]  # the first sight is no review
    still_unseen = sum(qid not in cards for qid in question_ids)
    introduced_today = unseen - still_unseen
    for day in range(intro_days):
        count = max(0, min(per_day - (introduced_today if day == 0 else 0), still_unseen))
        still_unseen -= count
        for moment in new_card:
            load[_day_index(moment, now) + day] += count
    return Quota(days_left, ramp, intro_days, unseen, per_day, days_left <= ramp,
                 [load[day] for day in range(max(days_left, 0))])


def _day_index(moment: datetime, now: datetime) -> int:
    """Which local calendar day `moment` falls on, counted from today (0)."""
    return (moment.astimezone().date() - now.astimezone().date()).days


def is_active(plan: Plan, now: datetime) -> bool:
    """A plan is followed until its interview day comes."""
    return plan.until > local_day(now)[0].date()


def selection(catalog: Catalog, plan: Plan, suspended: set[str]) -> dict[str, list[str]]:
    """The plan's questions per topic, suspended ones left out (they are not going to be asked)."""
    per_topic: dict[str, list[str]] = {}
    for entry in catalog.select_entries(list(plan.topics) or None):
        if entry.id not in suspended:
            per_topic.setdefault(entry.topic, []).append(entry.id)
    return per_topic


def todays_quota(catalog: Catalog, store: Store, plan: Plan, now: datetime) -> Quota:
    """The quota of `plan` for today, from the store's cards and reviews."""
    ids = [qid for group in selection(catalog, plan, store.suspended()).values() for qid in group]
    return quota(plan, ids, store.cards(), store.reviews(), now, Scheduler(fuzz=False))


# readiness -----------------------------------------------------------------


def interview_moment(plan: Plan) -> datetime:
    """The start of the interview day, in local time."""
    return datetime.combine(plan.until, datetime.min.time()).astimezone()


def forecast(topics: dict[str, list[str]], cards: dict[str, CardState], moment: datetime) -> list[TopicForecast]:
    """Per topic (name -> its question ids), the mean FSRS retrievability at `moment`; lowest first."""
    retrievability = Scheduler(fuzz=False).retrievability
    moment = moment.astimezone(timezone.utc)
    rows = []
    for topic, ids in topics.items():
        if not ids:
            continue
        total = sum(retrievability(cards[qid], moment) for qid in ids if qid in cards)
        rows.append(TopicForecast(topic, len(ids), total / len(ids)))
    return sorted(rows, key=lambda row: (row.recall, row.topic))
