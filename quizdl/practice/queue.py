"""Which questions a session asks, in which order.

Due reviews come first, most overdue first; then questions never seen, up to
what is left of the day's limit of new questions, easy ones first and topics
mixed. `cram` ignores the schedule and asks any question of the selection.
"""

from __future__ import annotations

import random
from datetime import datetime

from quizdl.bank.catalog import Entry
from quizdl.progress.schedule import CardState

_DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


def plan(
    questions: list[Entry],
    cards: dict[str, CardState],
    suspended: set[str],
    now: datetime,
    rng: random.Random,
    *,
    count: int,
    new_left: int,
    exercises: int = 2,
    cram: bool = False,
) -> list[str]:
    """The ids to ask: at most `count`, of which at most `exercises` implement-it questions (they take minutes)."""
    candidates = [q for q in questions if q.id not in suspended]
    if cram:
        rng.shuffle(candidates)
        ordered = candidates
    else:
        due = sorted((q for q in candidates if q.id in cards and cards[q.id].due <= now),
                     key=lambda q: cards[q.id].due)
        new = [q for q in candidates if q.id not in cards]
        new.sort(key=lambda q: (_DIFFICULTY_ORDER[q.difficulty], rng.random()))
        ordered = due + new[: max(new_left, 0)]
    chosen: list[str] = []
    for question in ordered:
        if question.kind == "code":
            if exercises <= 0:
                continue
            exercises -= 1
        chosen.append(question.id)
    return chosen[:count]


def why_empty(questions: list[Entry], cards: dict[str, CardState], suspended: set[str], now: datetime,
              *, new_left: int, exercises: int) -> tuple[str, datetime | None]:
    """Why `plan` chose nothing, as a reason key, and the next due date when that is the reason:
    "no_questions" (the filters match nothing), "all_suspended", "only_exercises" (--exercises 0),
    "new_limit" (new questions wait, the daily limit is used up) or "not_due" (all seen, none due yet)."""
    if not questions:
        return "no_questions", None
    candidates = [q for q in questions if q.id not in suspended]
    if not candidates:
        return "all_suspended", None
    if exercises <= 0 and all(q.kind == "code" for q in candidates):
        return "only_exercises", None
    if new_left <= 0 and any(q.id not in cards for q in candidates):
        return "new_limit", None
    dues = [cards[q.id].due for q in candidates if q.id in cards]
    return "not_due", min(dues) if dues else None
