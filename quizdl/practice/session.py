"""A practice session as plain state: what to ask next, answers in, ratings out.

The terminal UI drives this object; tests drive it directly. Every rating is
written to the store at once (one transaction each), so quitting, Ctrl-C or a
killed process never loses an answer already given. Undo and the "I was
right" override rewrite only reviews made in this session.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter, deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from quizdl.bank.catalog import Catalog
from quizdl.progress.schedule import CardState, Rating, Scheduler, utc_now
from quizdl.progress.store import Store, recalled as was_recalled
from quizdl.quiz.check import Verdict, check
from quizdl.quiz.instance import Instance, make_instance

LEARN_AHEAD = timedelta(minutes=20)
"""A missed question due again within this time is asked again before the session ends."""
MAX_REPEATS = 2


@dataclass(frozen=True)
class Answered:
    instance: Instance
    review_id: int
    rating: Rating
    correct: bool | None
    card: CardState
    response: str | None
    repeated: bool
    """Whether the question was queued again because it was missed."""


@dataclass(frozen=True)
class TopicScore:
    topic: str
    answered: int
    recalled: int


class Session:
    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        scheduler: Scheduler,
        queue: list[str],
        *,
        lang: str = "en",
        rng: random.Random | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.scheduler = scheduler
        self.lang = lang
        self.rng = rng or random.Random()
        self.clock = clock
        self.id = uuid.uuid4().hex
        self.queue: deque[str] = deque(queue)
        self.history: list[Answered] = []
        self.skipped: list[str] = []
        """Questions that could not be shown (a template whose draw failed), why, for a warning."""
        self._repeats: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return len(self.history) + len(self.queue)

    def next(self) -> Instance | None:
        """The next question to show, or None when the session is over."""
        while self.queue:
            qid = self.queue.popleft()
            if qid in self.catalog.questions:
                try:
                    return make_instance(self.catalog.questions[qid], self.lang, self.rng)
                except Exception as error:  # a learner's template that fails on this draw: skip it, say which
                    where = ":".join(map(str, self.catalog.where.get(qid, ("?", 0, 0))[:2]))
                    self.skipped.append(f"{qid} ({where}): {type(error).__name__}: {error}")
        return None

    def answer(self, instance: Instance, response: str, duration_ms: int | None = None) -> tuple[Verdict, Answered]:
        """Check a typed answer and rate it: wrong -> Again, right -> Good. InvalidAnswer if unreadable."""
        verdict = check(instance, response)
        rating = Rating.GOOD if verdict.correct else Rating.AGAIN
        return verdict, self._record(instance, rating, verdict.correct, response, duration_ms)

    def give_up(self, instance: Instance, duration_ms: int | None = None) -> Answered:
        return self._record(instance, Rating.AGAIN, False, None, duration_ms)

    def rate(self, instance: Instance, rating: Rating, duration_ms: int | None = None) -> Answered:
        """A self-rated answer (flashcards)."""
        return self._record(instance, rating, None, None, duration_ms)

    def explain(self, instance: Instance, typed: str, covered: set[int], rating: Rating,
                duration_ms: int | None = None) -> Answered:
        """An answer in one's own words, kept with the key points the learner ticked and the rating chosen
        (`practice.explain.rating_for` suggests it)."""
        return self._record(instance, rating, None, typed, duration_ms, covered=sorted(covered))

    def finish_exercise(self, instance: Instance, passed: bool, attempts: int, hints: int,
                        duration_ms: int | None = None) -> Answered:
        """An implement-it outcome as a rating: a clean first pass is Good, a pass after retries or hints
        is Hard, giving up (or revealing the solution) is Again."""
        if not passed:
            rating = Rating.AGAIN
        else:
            rating = Rating.GOOD if attempts == 1 and hints == 0 else Rating.HARD
        return self._record(instance, rating, passed, f"{attempts} attempt(s), {hints} hint(s)", duration_ms)

    def override(self) -> Answered:
        """"I was right": replace the last auto-checked failure by a correct answer rated Good."""
        last = self._pop_last()
        if last.correct is not False:
            self.history.append(last)
            raise ValueError("only an answer judged wrong can be overridden")
        self._undo_record(last)
        return self._record(last.instance, Rating.GOOD, True, last.response, None)

    def undo(self) -> Instance:
        """Take back the last rating; the same question is asked again next."""
        last = self._pop_last()
        self._undo_record(last)
        self.queue.appendleft(last.instance.question.id)
        return last.instance

    def can_undo(self) -> bool:
        return bool(self.history)

    def suspend(self, question_id: str) -> None:
        """Stop asking this question, in this session and later ones."""
        self.store.suspend(question_id, self.clock())
        self.queue = deque(q for q in self.queue if q != question_id)

    def scores(self) -> list[TopicScore]:
        answered: Counter[str] = Counter()
        recalled: Counter[str] = Counter()
        first_tries = {}
        for item in self.history:  # a repeated question counts once, by its first answer
            first_tries.setdefault(item.instance.question.id, item)
        for item in first_tries.values():
            topic = item.instance.question.topic or ""
            answered[topic] += 1
            recalled[topic] += was_recalled(item.rating, item.correct)
        return [TopicScore(t, answered[t], recalled[t]) for t in answered]

    def next_due(self) -> datetime | None:
        """When the earliest question of the banks is due again, suspended ones aside."""
        suspended = self.store.suspended()
        dues = [c.due for qid, c in self.store.cards().items() if qid in self.catalog.questions and qid not in suspended]
        return min(dues, default=None)

    def _record(
        self, instance: Instance, rating: Rating, correct: bool | None, response: str | None, duration_ms: int | None,
        *, covered: list[int] | None = None,
    ) -> Answered:
        qid = instance.question.id
        now = self.clock()
        review_id, card = self.store.record(
            qid, rating, now, self.scheduler,
            correct=correct, answer=response, duration_ms=duration_ms, session_id=self.id, covered=covered,
        )
        repeated = rating == Rating.AGAIN and card.due <= now + LEARN_AHEAD and self._repeats[qid] < MAX_REPEATS
        if repeated:
            self._repeats[qid] += 1
            self.queue.append(qid)
        answered = Answered(instance, review_id, rating, correct, card, response, repeated)
        self.history.append(answered)
        return answered

    def _pop_last(self) -> Answered:
        if not self.history:
            raise ValueError("nothing to undo in this session")
        return self.history.pop()

    def _undo_record(self, last: Answered) -> None:
        self.store.undo(last.review_id)
        if last.repeated:
            qid = last.instance.question.id
            self._repeats[qid] -= 1
            for index in range(len(self.queue) - 1, -1, -1):
                if self.queue[index] == qid:
                    del self.queue[index]
                    break
