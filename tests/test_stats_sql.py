"""Statistics from the store's running totals equal those computed from the raw log, and no query of a session
start or of `stats` reads the whole log."""

import json
import random
import sqlite3
import time
from collections import Counter
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from conftest import NOW
from quizdl.cli import app
from quizdl.progress import store as store_module
from quizdl.progress.schedule import Rating, Scheduler
from quizdl.progress.stats import reviews_per_day
from quizdl.progress.store import MIGRATIONS, Store

FIXED = Scheduler(fuzz=False)


@pytest.fixture(params=["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "Australia/Lord_Howe"])
def time_zone(request, monkeypatch):
    """Zones whose offsets are not whole hours, with daylight saving time (Lord Howe moves by half an hour):
    days must still be cut at local midnight."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _random_history(store: Store, rng: random.Random, answers: int = 600) -> None:
    """Answers over 400 days at any minute, checked and self-rated, with some undone."""
    review_ids = []
    for _ in range(answers):
        moment = NOW - timedelta(minutes=rng.randrange(400 * 24 * 60))
        correct = rng.choice([None, True, False])
        review_id, _ = store.record(f"q{rng.randrange(40)}", rng.choice(list(Rating)), moment, FIXED, correct=correct)
        review_ids.append(review_id)
        if rng.random() < 0.1:
            store.undo(review_ids.pop(rng.randrange(len(review_ids))))


def _totals(log) -> dict[str, tuple[int, int]]:
    """(reviews, recalled) per question, counted in Python from the raw log."""
    totals: dict[str, tuple[int, int]] = {}
    for review in log:
        reviews, recalled = totals.get(review.question_id, (0, 0))
        totals[review.question_id] = (reviews + 1, recalled + review.recalled)
    return totals


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_totals_and_days_equal_those_of_the_raw_log(seed, time_zone):
    store = Store(":memory:")
    _random_history(store, random.Random(seed))
    log = store.reviews()
    assert store.totals() == _totals(log)
    assert reviews_per_day(store) == Counter(r.reviewed_at.astimezone().date() for r in log)
    firsts = {}
    for review in log:
        firsts.setdefault(review.question_id, review.reviewed_at)
    for days in range(0, 400, 7):
        start, end = NOW - timedelta(days=days + 7), NOW - timedelta(days=days)
        assert store.first_reviews_between(start, end) == sum(start <= t < end for t in firsts.values())


def test_an_older_database_gets_its_totals_from_the_log(tmp_path):
    """Migration 3 fills the totals from the reviews already there."""
    path = tmp_path / "p.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        for statement in store_module._statements(migration):
            db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    rng = random.Random(4)
    for _ in range(300):
        moment = NOW - timedelta(minutes=rng.randrange(90 * 24 * 60))
        db.execute("INSERT INTO reviews (question_id, reviewed_at, rating, correct) VALUES (?, ?, ?, ?)",
                   (f"q{rng.randrange(30)}", store_module._iso(moment), rng.randint(1, 4), rng.choice([None, 0, 1])))
    db.close()
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        log = store.reviews()
        assert store.totals() == _totals(log)
        assert reviews_per_day(store) == Counter(r.reviewed_at.astimezone().date() for r in log)


@pytest.fixture
def traced(monkeypatch):
    """Every SQL statement any Store runs."""
    statements: list[str] = []
    opened: list[Store] = []
    original = Store.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self._db.set_trace_callback(statements.append)
        opened.append(self)

    monkeypatch.setattr(Store, "__init__", init)
    return statements


def _plans(path, statements: list[str]) -> dict[str, list[str]]:
    db = sqlite3.connect(path)
    plans = {}
    for statement in statements:
        if statement.lstrip().upper().startswith("SELECT"):
            plans[statement] = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + statement)]
    db.close()
    return plans


def test_stats_and_session_start_never_scan_the_log(tmp_path, monkeypatch, traced):
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path))
    with Store(tmp_path / store_module.DATABASE_NAME) as store:
        _random_history(store, random.Random(5), answers=200)
    traced.clear()
    runner = CliRunner()
    assert runner.invoke(app, ["stats"], catch_exceptions=False).exit_code == 0
    runner.invoke(app, ["practice", "-n", "1", "--topic", "cnn-basics"], input="q\n", catch_exceptions=False)
    plans = _plans(tmp_path / store_module.DATABASE_NAME, traced)
    assert any("review_slots" in s for s in plans)  # stats
    assert any("first_review >=" in s for s in plans)  # the daily new limit, at session start
    for statement, steps in plans.items():
        for step in steps:
            assert not step.startswith("SCAN reviews"), (statement, steps)
            if " WHERE " in statement.upper() and step.startswith("SCAN"):
                pytest.fail(f"a filtered query scans a table: {statement} -> {steps}")


def test_stats_json_has_the_figures_of_the_table(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path))
    with Store(tmp_path / store_module.DATABASE_NAME) as store:
        for i, rating in enumerate([Rating.GOOD, Rating.AGAIN, Rating.HARD]):
            store.record("resnet-degradation", rating, NOW - timedelta(days=i), FIXED)
    result = CliRunner().invoke(app, ["stats", "--json"], catch_exceptions=False)
    figures = json.loads(result.output)
    assert figures["reviews"] == 3 and sum(figures["reviews_per_day"].values()) == 3
    (resnet,) = [t for t in figures["topics"] if t["topic"] == "resnet"]
    assert (resnet["reviews"], resnet["recalled"], resnet["seen"]) == (3, 2, 1)
    assert resnet["accuracy"] == pytest.approx(2 / 3)
