"""Explain questions: the rating from the key points covered, the answers kept, history, export."""

import random
import sqlite3
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from conftest import BANKS, NOW
from quizdl.bank.catalog import load_catalog
from quizdl.cli import app
from quizdl.export.anki import export_anki
from quizdl.practice.explain import rating_for, toggle
from quizdl.practice.session import Session
from quizdl.progress.schedule import Rating, Scheduler
from quizdl.progress.store import MIGRATIONS, SCHEMA_VERSION, Store

EXPLAIN = BANKS / "explain"
FIXED = Scheduler(fuzz=False)


@pytest.mark.parametrize(("covered", "total", "rating"), [
    (3, 3, Rating.GOOD), (6, 6, Rating.GOOD),
    (2, 3, Rating.HARD), (2, 4, Rating.HARD), (3, 6, Rating.HARD), (5, 6, Rating.HARD),
    (1, 3, Rating.AGAIN), (1, 4, Rating.AGAIN), (2, 5, Rating.AGAIN), (0, 3, Rating.AGAIN),
])
def test_all_points_good_at_least_half_hard_fewer_again(covered, total, rating):
    assert rating_for(covered, total) == rating


def test_more_points_than_exist_is_an_error():
    with pytest.raises(ValueError):
        rating_for(4, 3)


def test_each_digit_toggles_its_point_and_anything_else_is_refused():
    assert toggle(set(), "13", 4) == {1, 3}
    assert toggle({1, 3}, "3", 4) == {1}
    assert toggle({1}, "11", 4) == {1}
    for bad in ("5", "0", "a", "1a", ""):
        with pytest.raises(ValueError):
            toggle(set(), bad, 4)


def test_the_typed_answer_and_the_points_are_kept_with_the_review():
    catalog = load_catalog([EXPLAIN], bundled=False)
    store = Store(":memory:")
    session = Session(catalog, store, FIXED, ["sample-dropout-explain"], rng=random.Random(0), clock=lambda: NOW)
    instance = session.next()
    typed = "no dropout at test time\n\nactivations are rescaled in training"
    answered = session.explain(instance, typed, {2, 1}, rating_for(2, 4), 5000)
    assert answered.rating == Rating.HARD and answered.correct is None
    (past,) = store.answers("sample-dropout-explain")
    assert (past.answer, past.covered, past.rating, past.duration_ms, past.reviewed_at) == (
        typed, [1, 2], Rating.HARD, 5000, NOW)


def test_an_old_database_is_migrated_and_its_reviews_read_back(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # a database as quizdl wrote it before explain questions
        for migration in MIGRATIONS[:2]:
            db.executescript(migration)
        db.execute("INSERT INTO reviews (question_id, reviewed_at, rating, correct, answer) VALUES (?, ?, ?, ?, ?)",
                   ("q1", NOW.isoformat(timespec="microseconds"), 3, 1, "16"))
        db.execute("PRAGMA user_version = 2")
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        (past,) = store.answers("q1")
        assert (past.answer, past.correct, past.covered) == ("16", True, None)
        store.record("q1", Rating.GOOD, NOW + timedelta(days=1), FIXED, answer="x", covered=[3])
        assert [p.covered for p in store.answers("q1")] == [None, [3]]


def test_show_history_lists_past_answers_with_dates_and_ratings(tmp_path):
    with Store(tmp_path / "progress.sqlite3") as store:
        store.record("sample-residual-explain", Rating.AGAIN, NOW, FIXED, answer="it adds x", covered=[1])
        store.record("sample-residual-explain", Rating.GOOD, NOW + timedelta(days=2), FIXED,
                     answer="gradient highway; learns a residual; never worse", covered=[1, 2, 3])
    runner = CliRunner()
    args = ["show", "sample-residual-explain", "--history", "--bank", str(EXPLAIN), "--data-dir", str(tmp_path)]
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0
    out = result.output
    first, second = NOW.astimezone(), (NOW + timedelta(days=2)).astimezone()
    assert out.index(first.strftime("%Y-%m-%d %H:%M")) < out.index("it adds x") < out.index(
        second.strftime("%Y-%m-%d %H:%M")) < out.index("gradient highway")
    assert "Again" in out and "Good" in out and "1/3" in out and "3/3" in out
    chinese = runner.invoke(app, args + ["--lang", "zh"], catch_exceptions=False).output
    assert "你的作答记录" in chinese and "忘了" in chinese and "良好" in chinese
    fresh = runner.invoke(app, ["show", "sample-dropout-explain", "--history", "--bank", str(EXPLAIN),
                                "--data-dir", str(tmp_path)], catch_exceptions=False)
    assert "No answers to sample-dropout-explain yet" in fresh.output


def test_anki_puts_the_prompt_on_the_front_and_points_and_answer_on_the_back(tmp_path):
    import zipfile

    catalog = load_catalog([EXPLAIN], bundled=False)
    question = catalog.question("sample-dropout-explain")
    assert export_anki(catalog, [question], tmp_path / "e.apkg", "en") == 1
    zipfile.ZipFile(tmp_path / "e.apkg").extractall(tmp_path / "deck")
    with sqlite3.connect(tmp_path / "deck" / "collection.anki2") as db:
        (fields,) = [row[0].split("\x1f") for row in db.execute("SELECT flds FROM notes")]
    front, back = fields[0], fields[1]
    assert "What does dropout do at test time" in front and "inverted dropout" not in front
    assert back.count("<li>") == len(question.points)
    assert back.index("no unit is dropped") < back.index("At test time dropout is the identity")
