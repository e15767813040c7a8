"""The SQLite store: migrations, one transaction per answer, undo, concurrency, kill -9."""

import signal
import subprocess
import sys
import threading
from datetime import timedelta

import pytest

from conftest import NOW
from quizdl.errors import QuizdlError
from quizdl.progress.schedule import Rating, Scheduler
from quizdl.progress.store import SCHEMA_VERSION, Store

FIXED = Scheduler(fuzz=False)


def test_migrations_create_the_current_schema_in_memory():
    store = Store(":memory:")
    assert store.schema_version == SCHEMA_VERSION
    tables = {row[0] for row in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"cards", "reviews", "suspended"} <= tables


def test_reopening_keeps_data_and_does_not_migrate_twice(tmp_path):
    with Store(tmp_path / "p.sqlite3") as store:
        store.record("q1", Rating.GOOD, NOW, FIXED)
    with Store(tmp_path / "p.sqlite3") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.reviews()) == 1


def test_a_database_from_a_newer_quizdl_is_refused(tmp_path):
    with Store(tmp_path / "p.sqlite3") as store:
        store._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(QuizdlError, match="newer quizdl"):
        Store(tmp_path / "p.sqlite3")


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    (tmp_path / "p.sqlite3").write_text("not sqlite" * 100)
    with pytest.raises(QuizdlError, match="cannot open the progress database"):
        Store(tmp_path / "p.sqlite3")


def test_record_schedules_and_logs():
    store = Store(":memory:")
    review_id, card = store.record("q1", Rating.AGAIN, NOW, FIXED, correct=False, answer="17", duration_ms=1200)
    assert card.due == NOW + timedelta(minutes=1)
    assert store.card("q1") == card
    (review,) = store.reviews()
    assert (review.id, review.question_id, review.rating, review.correct, review.reviewed_at) == (
        review_id, "q1", Rating.AGAIN, False, NOW)


def test_undo_restores_the_card_as_it_was():
    store = Store(":memory:")
    first_id, first = store.record("q1", Rating.GOOD, NOW, FIXED)
    second_id, _ = store.record("q1", Rating.AGAIN, NOW + timedelta(minutes=10), FIXED)
    assert store.undo(second_id) == "q1"
    assert store.card("q1") == first
    store.undo(first_id)
    assert store.card("q1") is None and store.reviews() == []
    with pytest.raises(QuizdlError, match="does not exist"):
        store.undo(first_id)


def test_suspend_and_unsuspend():
    store = Store(":memory:")
    assert store.suspend("q1", NOW) and not store.suspend("q1", NOW)
    assert store.suspended() == {"q1"}
    assert store.unsuspend("q1") and not store.unsuspend("q1")
    assert store.suspended() == set()


def test_new_questions_of_a_day_count_first_reviews_only():
    store = Store(":memory:")
    store.record("old", Rating.GOOD, NOW - timedelta(days=2), FIXED)
    store.record("old", Rating.GOOD, NOW, FIXED)
    store.record("new1", Rating.GOOD, NOW, FIXED)
    store.record("new2", Rating.AGAIN, NOW + timedelta(hours=1), FIXED)
    store.record("new2", Rating.GOOD, NOW + timedelta(hours=2), FIXED)
    assert store.first_reviews_between(NOW - timedelta(hours=1), NOW + timedelta(hours=5)) == 2


def test_two_writers_at_once_lose_nothing(tmp_path):
    path = tmp_path / "p.sqlite3"
    Store(path).close()
    errors = []

    def answer(name):
        try:
            with Store(path) as store:
                for i in range(40):
                    store.record(f"q{i % 5}", Rating.GOOD, NOW + timedelta(seconds=i), FIXED, session_id=name)
        except Exception as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=answer, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(path) as store:
        assert len(store.reviews()) == 80
        assert set(store.cards()) == {f"q{i}" for i in range(5)}


def test_kill_9_loses_nothing_already_answered(tmp_path):
    path = tmp_path / "p.sqlite3"
    script = (
        "import sys, time\n"
        "from datetime import datetime, timezone\n"
        "from quizdl.progress.schedule import Rating, Scheduler\n"
        "from quizdl.progress.store import Store\n"
        f"store = Store({str(path)!r})\n"
        "for i in range(25):\n"
        "    store.record(f'q{i}', Rating.GOOD, datetime.now(timezone.utc), Scheduler())\n"
        "print('answered', flush=True)\n"
        "time.sleep(60)\n"
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout.readline().strip() == "answered"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    with Store(path) as store:
        assert len(store.reviews()) == 25 and len(store.cards()) == 25
