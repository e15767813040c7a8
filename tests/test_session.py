"""The practice session without a terminal: queue order, ratings, undo, override, suspension."""

import random
from datetime import timedelta

import pytest

from conftest import BANKS, NOW
from quizdl.bank.catalog import load_catalog
from quizdl.practice.queue import plan
from quizdl.practice.session import Session
from quizdl.progress.schedule import Rating, Scheduler
from quizdl.progress.store import Store
from quizdl.quiz.check import InvalidAnswer

FIXED = Scheduler(fuzz=False)


@pytest.fixture
def catalog():
    return load_catalog([BANKS / "good"], bundled=False)


def session_for(catalog, store, queue, clock=lambda: NOW):
    return Session(catalog, store, FIXED, queue, lang="en", rng=random.Random(0), clock=clock)


def right_answer(instance):
    if instance.options:
        return "".join(sorted(instance.right_letters))
    return str(instance.expected)


def test_plan_puts_due_reviews_first_then_new_up_to_the_limit(catalog):
    questions = list(catalog.questions.values())
    store = Store(":memory:")
    store.record("starter-drill", Rating.GOOD, NOW - timedelta(days=3), FIXED)
    store.record("starter-stride2", Rating.GOOD, NOW - timedelta(days=2), FIXED)
    cards = store.cards()
    queue = plan(questions, cards, set(), NOW, random.Random(0), count=10, new_left=1)
    assert queue[:2] == ["starter-drill", "starter-stride2"]  # both due (10 min learning step), oldest first
    assert len(queue) == 3 and queue[2] in ("starter-formula", "starter-same-padding")
    assert plan(questions, cards, set(), NOW, random.Random(0), count=10, new_left=0) == queue[:2]
    assert plan(questions, cards, set(), NOW, random.Random(0), count=1, new_left=5) == ["starter-drill"]


def test_plan_skips_suspended_and_not_yet_due(catalog):
    questions = list(catalog.questions.values())
    store = Store(":memory:")
    store.record("starter-drill", Rating.EASY, NOW, FIXED)  # due in days
    queue = plan(questions, store.cards(), {"starter-formula"}, NOW, random.Random(0), count=10, new_left=10)
    assert "starter-drill" not in queue and "starter-formula" not in queue
    assert sorted(queue) == ["starter-same-padding", "starter-stride2"]


def test_new_questions_come_easy_first(catalog):
    queue = plan(list(catalog.questions.values()), {}, set(), NOW, random.Random(5), count=10, new_left=10)
    difficulties = [catalog.questions[q].difficulty for q in queue]
    assert difficulties == sorted(difficulties, key=["easy", "medium", "hard"].index)


def test_cram_ignores_the_schedule(catalog):
    store = Store(":memory:")
    store.record("starter-drill", Rating.EASY, NOW, FIXED)
    queue = plan(list(catalog.questions.values()), store.cards(), set(), NOW, random.Random(0),
                 count=10, new_left=0, cram=True)
    assert sorted(queue) == sorted(catalog.questions)


def test_right_is_good_wrong_is_again_and_each_is_saved_at_once(catalog):
    store = Store(":memory:")
    session = session_for(catalog, store, ["starter-stride2", "starter-formula"])
    first = session.next()
    verdict, answered = session.answer(first, "16")
    assert verdict.correct and answered.rating == Rating.GOOD
    assert len(store.reviews()) == 1
    second = session.next()
    wrong = next(letter for letter in "ABCD" if letter not in second.right_letters)
    verdict, answered = session.answer(second, wrong)
    assert not verdict.correct and answered.rating == Rating.AGAIN
    assert [r.correct for r in store.reviews()] == [True, False]


def test_a_missed_question_comes_back_in_the_session(catalog):
    session = session_for(catalog, Store(":memory:"), ["starter-stride2"])
    session.answer(session.next(), "17")
    again = session.next()
    assert again is not None and again.question.id == "starter-stride2"
    session.answer(again, "16")
    assert session.next() is None
    assert [(s.answered, s.recalled) for s in session.scores()] == [(1, 0)]  # scored by the first try


def test_invalid_input_is_not_rated(catalog):
    store = Store(":memory:")
    session = session_for(catalog, store, ["starter-stride2"])
    instance = session.next()
    with pytest.raises(InvalidAnswer):
        session.answer(instance, "sixteen")
    assert store.reviews() == []


def test_undo_takes_back_the_rating_and_asks_again(catalog):
    store = Store(":memory:")
    session = session_for(catalog, store, ["starter-stride2", "starter-formula"])
    session.answer(session.next(), "17")
    assert session.undo().question.id == "starter-stride2"
    assert store.reviews() == [] and store.card("starter-stride2") is None
    assert list(session.queue) == ["starter-stride2", "starter-formula"]  # the repeat of the miss is gone too
    with pytest.raises(ValueError):
        session_for(catalog, store, []).undo()


def test_i_was_right_turns_a_miss_into_good(catalog):
    store = Store(":memory:")
    session = session_for(catalog, store, ["starter-stride2"])
    session.answer(session.next(), "16.0000001")
    answered = session.override()
    assert answered.rating == Rating.GOOD and answered.correct
    (review,) = store.reviews()
    assert review.rating == Rating.GOOD and review.correct
    assert session.next() is None  # the miss is no longer repeated
    session_ok = session_for(catalog, Store(":memory:"), ["starter-stride2"])
    session_ok.answer(session_ok.next(), "16")
    with pytest.raises(ValueError):
        session_ok.override()


def test_flashcards_take_the_learners_rating(catalog):
    store = Store(":memory:")
    session = session_for(catalog, store, ["starter-same-padding"])
    answered = session.rate(session.next(), Rating.EASY)
    assert answered.correct is None and store.reviews()[0].rating == Rating.EASY


def test_suspend_drops_the_question_now_and_later(catalog):
    store = Store(":memory:")
    session = session_for(catalog, store, ["starter-stride2", "starter-formula", "starter-stride2"])
    session.suspend("starter-stride2")
    assert list(session.queue) == ["starter-formula"]
    assert store.suspended() == {"starter-stride2"}


def test_an_id_that_left_the_banks_is_skipped(catalog):
    store = Store(":memory:")
    store.record("gone-from-the-banks", Rating.GOOD, NOW - timedelta(days=1), FIXED)
    session = session_for(catalog, store, ["gone-from-the-banks", "starter-stride2"])
    assert session.next().question.id == "starter-stride2"
    assert session.next_due() is None  # the orphan's due date is not reported


def test_templates_get_new_numbers_each_time(catalog):
    session = session_for(catalog, Store(":memory:"), ["starter-drill"] * 6)
    prompts = {session.next().prompt for _ in range(6)}
    assert len(prompts) > 1


def test_at_most_a_few_exercises_per_session():
    catalog = load_catalog()
    questions = list(catalog.questions.values())
    queue = plan(questions, {}, set(), NOW, random.Random(0), count=500, new_left=500)
    assert sum(catalog.questions[q].kind == "code" for q in queue) == 2
    only_code = [q for q in questions if q.kind == "code"]
    assert len(plan(only_code, {}, set(), NOW, random.Random(0), count=50, new_left=50, exercises=5)) == 5
    assert plan(only_code, {}, set(), NOW, random.Random(0), count=50, new_left=50, exercises=0) == []


def test_editing_a_question_keeps_its_progress(tmp_path):
    """Progress is keyed by id: a reworded prompt is still the same, already-seen question."""
    store = Store(":memory:")
    store.record("starter-stride2", Rating.EASY, NOW, FIXED)
    bank = (BANKS / "good" / "starter.yaml").read_text(encoding="utf-8")
    (tmp_path / "starter.yaml").write_text(bank.replace("What is the output side length?", "Output side?"),
                                           encoding="utf-8")
    edited = load_catalog([tmp_path], bundled=False)
    assert "Output side?" in edited.question("starter-stride2").prompt.en
    queue = plan(list(edited.questions.values()), store.cards(), set(), NOW, random.Random(0), count=10, new_left=10)
    assert "starter-stride2" not in queue  # seen, and not due for days


def test_a_flashcard_rated_hard_is_recalled_in_the_summary_and_in_stats(catalog):
    """FSRS treats Hard as a recall with effort, and so do exercises passed after hints: only Again is a miss."""
    store = Store(":memory:")
    session = session_for(catalog, store, ["starter-same-padding"])
    session.rate(session.next(), Rating.HARD)
    (score,) = session.scores()
    assert score.recalled == 1
    assert [r.recalled for r in store.reviews()] == [True]
    again = session_for(catalog, Store(":memory:"), ["starter-same-padding"])
    again.rate(again.next(), Rating.AGAIN)
    assert again.scores()[0].recalled == 0
