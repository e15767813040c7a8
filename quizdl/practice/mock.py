"""A timed mock interview: what is asked, the clock, and the report; the terminal side is quizdl.ui.mock.

A mock asks, in order, quick concept questions (choice and numeric), two or three
explain questions and one implement-it exercise, drawn with weak topics (low FSRS
retrievability, low accuracy) more likely. Nothing is judged in front of the
learner until the end: concept answers are checked (and saved as reviews) at
once but not shown; explain answers are ticked against their key points and
exercises graded after the last question. Every answer becomes a review for the
scheduler, through the same Session as practice, so the ratings follow the same
rules. Skipped questions score 0 and make no review: skipping is not an answer.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Callable

from quizdl.bank.question import Question
from quizdl.errors import UsageError
from quizdl.practice.session import Session
from quizdl.progress.schedule import CardState, Rating, Scheduler
from quizdl.progress.store import Review
from quizdl.quiz.instance import LETTERS, Instance, make_instance

DEFAULT_MINUTES = 45
SECTIONS = ("concept", "explain", "exercise")
SECTION_KINDS = {"concept": ("choice", "numeric", "template"), "explain": ("explain",), "exercise": ("code",)}
MINUTES_PER_QUESTION = {"concept": 1.5, "explain": 6.0, "exercise": 15.0}
"""What an interviewer would allow for each; the number of concept questions fills the time left."""
WEAK_BIAS = 3.0
"""A question of the weakest possible topic is drawn 1 + WEAK_BIAS times as often as one of a mastered topic."""
WEAKEST_SHOWN = 3


def section_of(question: Question) -> str | None:
    return next((s for s, kinds in SECTION_KINDS.items() if question.kind in kinds), None)


def topic_weakness(questions: list[Question], cards: dict[str, CardState], reviews: list[Review], now: datetime,
                   scheduler: Scheduler) -> dict[str, float]:
    """Per topic, from 0 (strong) to 1 (weak): one minus the mean of two strengths, the FSRS retrievability now
    averaged over the topic's questions (a question never seen counts 0) and the share of its reviews recalled
    (none yet: 0)."""
    by_topic: dict[str, list[str]] = defaultdict(list)
    for question in questions:
        by_topic[question.topic or ""].append(question.id)
    recalled: dict[str, list[bool]] = defaultdict(list)
    topic_of = {q.id: q.topic or "" for q in questions}
    for review in reviews:
        if review.question_id in topic_of:
            recalled[topic_of[review.question_id]].append(review.recalled)
    weakness = {}
    for topic, ids in by_topic.items():
        retrievability = sum(scheduler.retrievability(cards[i], now) if i in cards else 0.0 for i in ids) / len(ids)
        answers = recalled[topic]
        accuracy = sum(answers) / len(answers) if answers else 0.0
        weakness[topic] = 1.0 - (retrievability + accuracy) / 2
    return weakness


def section_sizes(minutes: int, available: dict[str, int]) -> dict[str, int]:
    """How many questions of each section fit in `minutes`: one exercise, three explain questions in a mock of
    40 minutes or more (else two), and concept questions for the rest of the time (at least one)."""
    exercise = min(1, available.get("exercise", 0))
    explain = min(3 if minutes >= 40 else 2, available.get("explain", 0))
    left = minutes - exercise * MINUTES_PER_QUESTION["exercise"] - explain * MINUTES_PER_QUESTION["explain"]
    concept = min(max(1, math.floor(left / MINUTES_PER_QUESTION["concept"])), available.get("concept", 0))
    return {"concept": concept, "explain": explain, "exercise": exercise}


def draw(questions: list[Question], weakness: dict[str, float], minutes: int, rng: random.Random) -> list[Question]:
    """The questions of a mock, section by section; within a section, a weighted draw without replacement
    (Efraimidis-Spirakis: the largest random() ** (1 / weight) win), weights growing with the topic's weakness."""
    by_section: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        if section := section_of(question):
            by_section[section].append(question)
    sizes = section_sizes(minutes, {s: len(qs) for s, qs in by_section.items()})
    chosen: list[Question] = []
    for section in SECTIONS:
        weighted = [(rng.random() ** (1 / (1 + WEAK_BIAS * weakness.get(q.topic or "", 1.0))), q)
                    for q in by_section[section]]
        weighted.sort(key=lambda pair: -pair[0])
        chosen += [q for _, q in weighted[: sizes[section]]]
    return chosen


@dataclass
class MockItem:
    """One question of a mock, as the report shows it: what was asked, answered, expected, and the outcome."""

    question_id: str
    topic: str
    section: str
    prompt: str
    model_answer: str
    points: list[str] = field(default_factory=list)
    response: str | None = None
    """The answer as the learner gave it (a choice with its option text); None when skipped."""
    seconds: float = 0.0
    score: float = 0.0
    """From 0 to 1: right or wrong, the share of key points covered, the exercise passed."""
    rating: int | None = None
    detail: str = ""
    """How the score came about, in numbers (e.g. "2/4" points, "5/7" checks)."""

    @property
    def skipped(self) -> bool:
        return self.response is None


@dataclass
class Score:
    name: str
    points: float
    count: int

    @property
    def share(self) -> float:
        return self.points / self.count if self.count else 0.0


@dataclass
class MockReport:
    id: str
    started_at: str
    minutes: int
    seconds_used: float
    lang: str
    topics: list[str]
    seed: int | None
    items: list[MockItem]
    weakness: dict[str, float]
    """The topics' weakness when the mock was drawn, which breaks ties among the weakest topics."""
    timed_out: bool = False

    @property
    def score(self) -> float:
        return sum(i.score for i in self.items) / len(self.items) if self.items else 0.0

    def section_scores(self) -> list[Score]:
        return [Score(s, sum(i.score for i in items), len(items))
                for s in SECTIONS if (items := [i for i in self.items if i.section == s])]

    def topic_scores(self) -> list[Score]:
        totals: dict[str, list[float]] = defaultdict(list)
        for item in self.items:
            totals[item.topic].append(item.score)
        return [Score(topic, sum(scores), len(scores)) for topic, scores in totals.items()]

    def weakest(self, count: int = WEAKEST_SHOWN) -> list[str]:
        """The topics that did worst in this mock; among equal scores, the weaker before it."""
        ranked = sorted(self.topic_scores(), key=lambda s: (s.share, -self.weakness.get(s.name, 0.0), s.name))
        return [s.name for s in ranked[:count]]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> MockReport:
        data = json.loads(text)
        data["items"] = [MockItem(**item) for item in data["items"]]
        return cls(**data)


class Mock:
    """A mock interview in progress: the items, the clock, and every answer recorded through the Session."""

    def __init__(self, session: Session, questions: list[Question], minutes: int, *, topics: list[str] | None = None,
                 seed: int | None = None, weakness: dict[str, float] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.clock = clock
        self.minutes = minutes
        self.instances: list[Instance] = []
        for question in questions:
            try:
                self.instances.append(make_instance(question, session.lang, session.rng))
            except Exception:  # a learner's template that fails on this draw is left out, as practice skips it
                continue
        self.items = [MockItem(i.question.id, i.question.topic or "", section_of(i.question) or "", i.prompt,
                               _model_answer(i), list(i.points)) for i in self.instances]
        self.started_at = session.clock()
        self.started = clock()
        self.deadline = self.started + 60 * minutes
        self.topics = list(topics or [])
        self.seed = seed
        self.weakness = {t: w for t, w in (weakness or {}).items() if t in {item.topic for item in self.items}}
        self.timed_out = False
        self._began: float | None = None

    def time_left(self) -> float:
        """Seconds left; negative once time is up."""
        return self.deadline - self.clock()

    def begin(self) -> None:
        """A question is on screen: its time starts now."""
        self._began = self.clock()

    def _seconds(self, index: int) -> float:
        """The question's time so far, this showing included."""
        began = self._began if self._began is not None else self.clock()
        return self.items[index].seconds + self.clock() - began

    def _stop(self, index: int) -> None:
        self.items[index].seconds = round(self._seconds(index), 1)
        self._began = None

    def answer(self, index: int, response: str) -> None:
        """A concept answer: checked and saved as a review now, shown only in the report. InvalidAnswer (nothing
        recorded) when it cannot be read, so the learner can type it again."""
        instance, item = self.instances[index], self.items[index]
        verdict, answered = self.session.answer(instance, response, int(self._seconds(index) * 1000))
        self._stop(index)
        item.response = _shown_response(instance, response)
        item.score, item.rating = (1.0 if verdict.correct else 0.0), int(answered.rating)
        item.detail = "✔" if verdict.correct else "✘"

    def skip(self, index: int) -> None:
        self._stop(index)

    def typed(self, index: int, text: str) -> None:
        """An explain answer, typed: judged against its key points at the end."""
        self._stop(index)
        self.items[index].response = text

    def submitted(self, index: int, path: str) -> None:
        """An exercise handed in (the file at `path`): graded at the end."""
        self._stop(index)
        self.items[index].response = path

    def judge_explain(self, index: int, ticked: set[int], rating: Rating) -> None:
        item = self.items[index]
        self.session.explain(self.instances[index], item.response or "", ticked, rating, int(item.seconds * 1000))
        item.score, item.rating = len(ticked) / len(item.points), int(rating)
        item.detail = f"{len(ticked)}/{len(item.points)}"

    def judge_exercise(self, index: int, passed: bool, checks_passed: int, checks: int) -> None:
        item = self.items[index]
        answered = self.session.finish_exercise(self.instances[index], passed, 1, 0, int(item.seconds * 1000))
        item.score, item.rating = (1.0 if passed else 0.0), int(answered.rating)
        item.detail = f"{checks_passed}/{checks}"

    def report(self) -> MockReport:
        return MockReport(self.session.id, self.started_at.isoformat(), self.minutes,
                          round(min(self.clock(), self.deadline) - self.started, 1), self.session.lang, self.topics,
                          self.seed, self.items, self.weakness, self.timed_out)


def start(catalog_questions: list[Question], session: Session, *, minutes: int, topics: list[str] | None,
          seed: int | None, rng: random.Random, now: datetime, clock: Callable[[], float] = time.monotonic) -> Mock:
    """Draw a mock from `catalog_questions` (suspended ones left out) for the Session's learner."""
    store = session.store
    suspended = store.suspended()
    questions = [q for q in catalog_questions if q.id not in suspended]
    weakness = topic_weakness(questions, store.cards(), store.reviews(), now, session.scheduler)
    chosen = draw(questions, weakness, minutes, rng)
    if not chosen:
        raise UsageError("no choice, numeric, explain or code question matches --topic; `quizdl topics` lists them")
    return Mock(session, chosen, minutes, topics=topics, seed=seed, weakness=weakness, clock=clock)


def sparkline(scores: list[float]) -> str:
    """Scores from 0 to 1 as one block character each, on a fixed scale so that mocks compare across time."""
    blocks = "▁▂▃▄▅▆▇█"
    return "".join(blocks[min(len(blocks) - 1, max(0, round(s * (len(blocks) - 1))))] for s in scores)


def _model_answer(instance: Instance) -> str:
    """What the report shows next to the learner's answer; for an exercise, the command that shows the reference
    (a whole file does not fit in a table cell)."""
    if instance.question.kind == "code":
        return f"`quizdl solution {instance.question.id}`"
    if instance.points:
        return instance.answer_text + "\n\n" + instance.explanation
    return instance.answer_text


def _shown_response(instance: Instance, response: str) -> str:
    """A choice answer with its options' text, so the report reads without the shuffled letters."""
    if not instance.options:
        return response.strip()
    letters = [c for c in response.upper() if c in LETTERS[: len(instance.options)]]
    return ", ".join(f"{c}. {instance.options[LETTERS.index(c)][1]}" for c in dict.fromkeys(letters))
