"""The plan to an interview date: its daily quota, the review load and the readiness forecast, by hand."""

import time
from datetime import date, datetime, timedelta, timezone

import pytest

from conftest import BANKS, NOW
from quizdl.progress.plan import (PLAN_FILE, Plan, forecast, interview_moment, load_plan, quota, ramp_days,
                                  save_plan)
from quizdl.progress.schedule import CardState, Rating, Scheduler
from quizdl.progress.store import Review

UTC = timezone.utc
GOOD = str(BANKS / "good")


@pytest.fixture
def utc_clock(monkeypatch):
    """Local time is UTC, so that local calendar days are the ones written here."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_new_card_answered_good_is_reviewed_again_two_days_later(utc_clock):
    # FSRS-6 defaults: Good -> 10 min learning step -> Good -> stability w[2] = 2.3065 days -> due in 2 days
    assert ramp_days(Scheduler(fuzz=False), NOW) == 2


def test_quota_and_review_load_on_a_made_up_history(utc_clock):
    scheduler = Scheduler(fuzz=False)
    seen_this_morning = scheduler.review(None, Rating.GOOD, datetime(2026, 3, 2, 8, tzinfo=UTC))  # due 08:10
    long_known = CardState(state=2, step=None, stability=10.0, difficulty=5.0,
                           due=datetime(2026, 3, 9, tzinfo=UTC), last_review=datetime(2026, 2, 27, tzinfo=UTC))
    cards = {"q1": long_known, "q2": seen_this_morning}
    reviews = [Review(1, "q1", datetime(2026, 2, 20, tzinfo=UTC), Rating.GOOD, True),
               Review(2, "q2", datetime(2026, 3, 2, 8, tzinfo=UTC), Rating.GOOD, True)]
    ids = [f"q{n}" for n in range(1, 11)]

    result = quota(Plan(date(2026, 3, 9)), ids, cards, reviews, NOW, scheduler)

    # 7 days left (Mar 2..8), ramp 2 -> new questions on 5 days; unseen at the start of today:
    # q2..q10 = 9 -> ceil(9 / 5) = 2 a day
    assert (result.days_left, result.ramp_days, result.intro_days, result.unseen, result.per_day) == (7, 2, 5, 9, 2)
    assert not result.tight
    # New cards: 1 more today (q2 was one of today's 2), then 2, 2, 2, 1. A new card's reviews fall on its
    # own day (the 10-minute step) and 2 days later (the next, 11 days later, is after the interview).
    # q2 is due at 08:10: reviewed now (day 0), then 2 days later. q1 is due on the interview day: not counted.
    new = [1, 2, 2, 2, 1, 0, 0]
    by_new = [new[d] + (new[d - 2] if d >= 2 else 0) for d in range(7)]  # 1, 2, 3, 4, 3, 2, 1
    by_q2 = [1, 0, 1, 0, 0, 0, 0]
    assert result.reviews_per_day == [a + b for a, b in zip(by_new, by_q2)] == [2, 2, 4, 4, 3, 2, 1]
    assert result.average_reviews == pytest.approx(18 / 7)


def test_too_close_an_interview_puts_every_new_question_on_today(utc_clock):
    result = quota(Plan(date(2026, 3, 4)), ["a", "b", "c"], {}, [], NOW, Scheduler(fuzz=False))
    assert (result.days_left, result.intro_days, result.per_day, result.tight) == (2, 1, 3, True)


def test_readiness_is_retrievability_on_the_interview_day_averaged_unseen_zero(utc_clock):
    plan = Plan(date(2026, 3, 9))
    interview = interview_moment(plan)
    assert interview == datetime(2026, 3, 9, tzinfo=UTC)

    def reviewed(days_before: float, stability: float) -> CardState:
        last = interview - timedelta(days=days_before)
        return CardState(2, None, stability, 5.0, last + timedelta(days=stability), last)

    # by the definition of stability, recall is 0.9 after exactly `stability` days; 1 after less than a day
    cards = {"a1": reviewed(10, 10.0), "b1": reviewed(20, 20.0), "b2": reviewed(5, 5.0), "c1": reviewed(0.5, 3.0)}
    rows = forecast({"b": ["b1", "b2"], "a": ["a1", "a2"], "c": ["c1"]}, cards, interview)

    assert [row.topic for row in rows] == ["a", "b", "c"]  # the topics at risk first
    assert [row.recall for row in rows] == pytest.approx([(0.9 + 0) / 2, (0.9 + 0.9) / 2, 1.0])
    assert rows[0].at_risk and not rows[2].at_risk


def test_the_plan_file_round_trips_and_a_broken_one_is_a_clear_error(tmp_path):
    save_plan(tmp_path, Plan(date(2026, 3, 9), ("dropout",)))
    assert load_plan(tmp_path) == Plan(date(2026, 3, 9), ("dropout",))
    assert [p.name for p in tmp_path.iterdir()] == [PLAN_FILE]  # no temporary file left behind
    (tmp_path / PLAN_FILE).write_text("{not json")
    with pytest.raises(Exception, match="plan --clear"):
        load_plan(tmp_path)


# the command line ----------------------------------------------------------


def test_plan_set_show_and_clear(run, isolated_home):
    assert "No plan" in run("plan").output
    until = (date.today() + timedelta(days=4)).isoformat()
    result = run("plan", "--until", until, "--topic", "starter", "--bank", GOOD)
    assert result.exit_code == 0
    # 4 days left, ramp 2 -> new questions on 2 days; 4 starter questions -> 2 a day
    assert f"ready by {until} (4 days left)" in result.output
    assert "New questions: 2 a day for 2 day(s)" in result.output
    assert "Readiness on" in result.output and "at risk" in result.output
    shown = run("plan", "--bank", GOOD, "--lang", "zh")
    assert "每天 2 道" in shown.output and "有风险" in shown.output
    assert "Readiness on" in run("stats", "--bank", GOOD).output
    assert run("plan", "--clear").output.strip() == "Plan cleared."
    assert not (isolated_home / PLAN_FILE).exists()
    assert "Readiness" not in run("stats", "--bank", GOOD).output
    assert run("plan", "--clear").output.strip() == "There was no plan."


def test_practice_follows_the_plan(run):
    until = (date.today() + timedelta(days=4)).isoformat()
    run("plan", "--until", until, "--topic", "starter", "--bank", GOOD)
    result = run("practice", "--bank", GOOD, input="q\n")
    assert "2 new question(s) a day" in result.output
    assert "1/2 " in result.output and "Starter bank" in result.output
    more = run("practice", "--bank", GOOD, "--new", "3", input="q\n")  # --new overrides the quota
    assert "1/3 " in more.output and "Following" not in more.output


@pytest.mark.parametrize("until, message", [
    ("2001-01-01", "is not after today"),
    ("today", "needs a date like"),
    ("2026-02-30", "needs a date like"),
])
def test_bad_dates_are_a_clear_error(run, isolated_home, until, message):
    result = run("plan", "--until", until)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not (isolated_home / PLAN_FILE).exists()


def test_an_unknown_topic_writes_no_plan(run, isolated_home):
    until = (date.today() + timedelta(days=9)).isoformat()
    result = run("plan", "--until", until, "--topic", "no-such-topic")
    assert result.exit_code == 2 and "unknown topic" in result.output
    assert not (isolated_home / PLAN_FILE).exists()


@pytest.mark.parametrize("args", [[], ["--clear"], ["--until", (date.today() + timedelta(days=9)).isoformat()]])
def test_a_data_folder_that_is_a_file_is_a_clear_error(run, tmp_path, monkeypatch, args):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path / "file"))
    result = run("plan", *args)
    assert result.exit_code == 1 and "is a file" in result.output and "Traceback" not in result.output


def test_a_plan_whose_day_has_come_is_no_longer_followed(run, isolated_home):
    save_plan(isolated_home, Plan(date.today(), ("starter",)))
    assert "has come" in run("plan").output and "plan --clear" in run("plan").output
    practice = run("practice", "--bank", GOOD, "--new", "1", input="q\n")
    assert "Following" not in practice.output
    assert "Readiness" not in run("stats").output
