"""The FSRS adapter with fixed UTC times and fuzzing off: exact, repeatable intervals."""

from datetime import datetime, timedelta, timezone

import pytest

from conftest import NOW
from quizdl.progress.schedule import Rating, Scheduler


def test_new_card_learning_steps():
    scheduler = Scheduler(fuzz=False)
    again = scheduler.review(None, Rating.AGAIN, NOW)
    good = scheduler.review(None, Rating.GOOD, NOW)
    easy = scheduler.review(None, Rating.EASY, NOW)
    assert again.due - NOW == timedelta(minutes=1)
    assert good.due - NOW == timedelta(minutes=10)
    assert easy.due - NOW >= timedelta(days=1)
    assert again.last_review == NOW


def test_intervals_grow_with_good_answers_and_reset_on_again():
    scheduler = Scheduler(fuzz=False)
    card, now, intervals = None, NOW, []
    for _ in range(5):
        card = scheduler.review(card, Rating.GOOD, now)
        intervals.append(card.due - now)
        now = card.due
    assert intervals == sorted(intervals) and intervals[-1] > timedelta(days=7)
    lapsed = scheduler.review(card, Rating.AGAIN, now)
    assert lapsed.due - now <= timedelta(minutes=10)


def test_same_history_gives_the_same_schedule():
    def run():
        scheduler, card, now = Scheduler(fuzz=False), None, NOW
        for rating in (Rating.GOOD, Rating.GOOD, Rating.HARD, Rating.GOOD, Rating.EASY):
            card = scheduler.review(card, rating, now)
            now = card.due
        return card

    assert run() == run()


def test_naive_or_local_datetimes_are_refused():
    with pytest.raises(ValueError, match="UTC"):
        Scheduler().review(None, Rating.GOOD, datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="UTC"):
        Scheduler().review(None, Rating.GOOD, datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8))))
