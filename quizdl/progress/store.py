"""The learner's progress: one SQLite file with card states, every review, and suspensions.

Progress is keyed by question id, never by text, so editing a question keeps
its history, and an id that vanishes from the banks is simply not asked.
Each answer is one `BEGIN IMMEDIATE` transaction that reads the current card,
schedules it and writes it back: two sessions at once serialise on the write
lock instead of overwriting each other, and a killed process loses at most the
answer being typed. The schema evolves by numbered, add-only migrations.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizdl.errors import QuizdlError
from quizdl.progress.schedule import CardState, Rating, Scheduler

RECALLED_SQL = f"CASE WHEN {{row}}.correct IS NULL THEN {{row}}.rating != {int(Rating.AGAIN)} ELSE {{row}}.correct != 0 END"
"""`recalled()` below, in SQL, for a row of the review log."""
SLOT_MINUTES = 15
SLOT_SQL = (f"substr({{row}}.reviewed_at, 1, 14) || "
            f"printf('%02d', CAST(substr({{row}}.reviewed_at, 15, 2) AS INTEGER) / {SLOT_MINUTES} * {SLOT_MINUTES})")
"""The UTC quarter hour of a review, 'YYYY-MM-DDTHH:MM': fine enough to place it on a local calendar day in
any time zone (every UTC offset in use is a multiple of 15 minutes)."""

MIGRATIONS: list[str] = [
    # 1: cards, the review log, suspensions
    """
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        state INTEGER NOT NULL,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due TEXT NOT NULL,
        last_review TEXT
    );
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        question_id TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        rating INTEGER NOT NULL,
        correct INTEGER,
        answer TEXT,
        duration_ms INTEGER,
        session_id TEXT,
        card_before TEXT
    );
    CREATE INDEX reviews_by_question ON reviews (question_id, reviewed_at);
    CREATE INDEX reviews_by_time ON reviews (reviewed_at);
    CREATE TABLE suspended (
        question_id TEXT PRIMARY KEY,
        since TEXT NOT NULL
    );
    """,
    # 2: how many hints of each exercise the learner has seen
    """
    CREATE TABLE hints (
        question_id TEXT PRIMARY KEY,
        shown INTEGER NOT NULL
    );
    """,
    # 3: running totals that triggers keep in step with the log, so that statistics and the daily new
    # limit read a few hundred rows instead of every review ever made
    f"""
    CREATE TABLE question_totals (
        question_id TEXT PRIMARY KEY,
        reviews INTEGER NOT NULL,
        recalled INTEGER NOT NULL,
        first_review TEXT NOT NULL
    );
    CREATE INDEX question_totals_by_first_review ON question_totals (first_review);
    CREATE TABLE review_slots (
        slot TEXT PRIMARY KEY,
        reviews INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TRIGGER reviews_added AFTER INSERT ON reviews BEGIN
        INSERT INTO question_totals VALUES (NEW.question_id, 1, {RECALLED_SQL.format(row="NEW")}, NEW.reviewed_at)
            ON CONFLICT (question_id) DO UPDATE SET reviews = reviews + 1, recalled = recalled + excluded.recalled,
            first_review = min(first_review, excluded.first_review);
        INSERT INTO review_slots VALUES ({SLOT_SQL.format(row="NEW")}, 1)
            ON CONFLICT (slot) DO UPDATE SET reviews = reviews + 1;
    END;
    CREATE TRIGGER reviews_removed AFTER DELETE ON reviews BEGIN
        UPDATE question_totals SET reviews = reviews - 1, recalled = recalled - {RECALLED_SQL.format(row="OLD")},
            first_review = coalesce((SELECT min(reviewed_at) FROM reviews WHERE question_id = OLD.question_id),
                                    first_review)
            WHERE question_id = OLD.question_id;
        DELETE FROM question_totals WHERE question_id = OLD.question_id AND reviews = 0;
        UPDATE review_slots SET reviews = reviews - 1 WHERE slot = {SLOT_SQL.format(row="OLD")};
        DELETE FROM review_slots WHERE slot = {SLOT_SQL.format(row="OLD")} AND reviews = 0;
    END;
    INSERT INTO question_totals
        SELECT question_id, count(*), sum({RECALLED_SQL.format(row="reviews")}), min(reviewed_at)
        FROM reviews GROUP BY question_id;
    INSERT INTO review_slots SELECT {SLOT_SQL.format(row="reviews")}, count(*) FROM reviews GROUP BY 1;
    """,
    # 4: the key points an explain answer covered (a JSON list of point numbers, from 1); the typed answer
    # itself goes in reviews.answer, as every typed answer always has
    """
    ALTER TABLE reviews ADD COLUMN covered TEXT;
    """,
    # 5: mock interviews, each with its whole report as JSON (the score is kept apart for the trend)
    """
    CREATE TABLE mocks (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        score REAL NOT NULL,
        report TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
DATABASE_NAME = "progress.sqlite3"


@dataclass(frozen=True)
class Review:
    id: int
    question_id: str
    reviewed_at: datetime
    rating: Rating
    correct: bool | None
    """True/False for answers quizdl checked; None when the learner rated a flashcard."""

    @property
    def recalled(self) -> bool:
        return recalled(self.rating, self.correct)


@dataclass(frozen=True)
class PastAnswer:
    """One earlier answer to a question, as `quizdl show ID --history` lists it."""

    reviewed_at: datetime
    rating: Rating
    correct: bool | None
    answer: str | None
    covered: list[int] | None
    """For an explain question, the numbers of the key points the learner ticked."""
    duration_ms: int | None


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise QuizdlError(key="error.data_under_file", path=folder) from None
    except OSError as error:
        raise QuizdlError(key="error.data_create", path=folder, reason=error.strerror or error) from None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A database opened to read only; `immutable` where even its lock files cannot be made (a read-only folder)."""
    uri = path.resolve().as_uri()
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def recalled(rating: Rating, correct: bool | None) -> bool:
    """The one definition of "recalled", as FSRS has it: any rating but Again (Hard is a recall, with effort);
    an answer quizdl checked counts by its check."""
    return correct if correct is not None else rating != Rating.AGAIN


class Store:
    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        """Open (and create or migrate) the database; `read_only` for commands that only look: they work in a
        read-only folder, and on a fresh install they see an empty database and create nothing."""
        self.path = Path(path)
        try:
            if read_only and not self.path.exists():
                self._db = sqlite3.connect(":memory:", isolation_level=None)
            elif read_only:
                self._db = _connect_read_only(self.path)
            else:
                if str(path) != ":memory:":
                    _make_folder(self.path.parent)
                self._db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
                self._db.execute("PRAGMA busy_timeout = 30000")
                self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate(read_only)
        except sqlite3.DatabaseError as error:
            if "readonly" in str(error) or "unable to open" in str(error):
                raise QuizdlError(key="error.database_read_only", path=self.path) from None
            raise QuizdlError(key="error.database", path=self.path, reason=error) from None

    @classmethod
    def in_dir(cls, data_dir: Path, *, read_only: bool = False) -> Store:
        if data_dir.exists() and not data_dir.is_dir():
            raise QuizdlError(key="error.data_is_file", path=data_dir)
        return cls(data_dir / DATABASE_NAME, read_only=read_only)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self, read_only: bool = False) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise QuizdlError(key="error.database_newer", path=self.path, version=version, known=SCHEMA_VERSION)
        if version == SCHEMA_VERSION:
            return
        if read_only and self._db.execute("PRAGMA database_list").fetchone()[2]:  # a file, not the empty stand-in
            raise QuizdlError(key="error.database_upgrade", path=self.path)
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # cards -----------------------------------------------------------------

    def card(self, question_id: str) -> CardState | None:
        row = self._db.execute("SELECT * FROM cards WHERE question_id = ?", (question_id,)).fetchone()
        return _card(row[1:]) if row else None

    def cards(self) -> dict[str, CardState]:
        return {row[0]: _card(row[1:]) for row in self._db.execute("SELECT * FROM cards")}

    def record(
        self,
        question_id: str,
        rating: Rating,
        now: datetime,
        scheduler: Scheduler,
        *,
        correct: bool | None = None,
        answer: str | None = None,
        duration_ms: int | None = None,
        session_id: str | None = None,
        covered: list[int] | None = None,
    ) -> tuple[int, CardState]:
        """Schedule and log one review in its own transaction; return the review id and the new state."""
        with self._transaction() as db:
            before = self.card(question_id)
            after = scheduler.review(before, rating, now)
            _write_card(db, question_id, after)
            cursor = db.execute(
                "INSERT INTO reviews (question_id, reviewed_at, rating, correct, answer, duration_ms, session_id,"
                " card_before, covered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    question_id,
                    _iso(now),
                    int(rating),
                    None if correct is None else int(correct),
                    answer,
                    duration_ms,
                    session_id,
                    _card_json(before),
                    None if covered is None else json.dumps(sorted(covered)),
                ),
            )
            return int(cursor.lastrowid or 0), after

    def undo(self, review_id: int) -> str:
        """Forget review `review_id` and put its card back as it was; return the question id."""
        with self._transaction() as db:
            row = db.execute("SELECT question_id, card_before FROM reviews WHERE id = ?", (review_id,)).fetchone()
            if row is None:
                raise QuizdlError(f"review {review_id} does not exist (already undone?)")
            question_id, before = row
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            if before is None:
                db.execute("DELETE FROM cards WHERE question_id = ?", (question_id,))
            else:
                _write_card(db, question_id, _card_from_json(before))
            return question_id

    # suspension ------------------------------------------------------------

    def suspend(self, question_id: str, now: datetime) -> bool:
        """Stop asking `question_id`; False if it already was suspended."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO suspended (question_id, since) VALUES (?, ?)", (question_id, _iso(now))
            )
            return cursor.rowcount == 1

    def unsuspend(self, question_id: str) -> bool:
        with self._transaction() as db:
            return db.execute("DELETE FROM suspended WHERE question_id = ?", (question_id,)).rowcount == 1

    def suspended(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT question_id FROM suspended")}

    # hints -----------------------------------------------------------------

    def hints_shown(self, question_id: str) -> int:
        row = self._db.execute("SELECT shown FROM hints WHERE question_id = ?", (question_id,)).fetchone()
        return row[0] if row else 0

    def show_hint(self, question_id: str, available: int) -> int:
        """Reveal one more hint (up to `available`); return how many are shown now."""
        with self._transaction() as db:
            shown = min(self.hints_shown(question_id) + 1, available)
            db.execute("INSERT OR REPLACE INTO hints VALUES (?, ?)", (question_id, shown))
            return shown

    def reset_hints(self, question_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM hints WHERE question_id = ?", (question_id,))

    # history ---------------------------------------------------------------

    def totals(self) -> dict[str, tuple[int, int]]:
        """Reviews and recalls of each question ever reviewed."""
        return {row[0]: (row[1], row[2]) for row in
                self._db.execute("SELECT question_id, reviews, recalled FROM question_totals")}

    def slot_span(self) -> tuple[datetime, datetime] | None:
        """The first UTC quarter hour with a review and the end of the last one (see SLOT_SQL); None if none."""
        first, last = self._db.execute("SELECT min(slot), max(slot) FROM review_slots").fetchone()
        if first is None:
            return None
        return _slot_time(first), _slot_time(last) + timedelta(minutes=SLOT_MINUTES)

    def reviews_per_day(self, periods: list[tuple[datetime, datetime, int]]) -> dict[str, int]:
        """Reviews per local calendar day ('YYYY-MM-DD'), given the spans [start, end) of constant UTC offset
        (in minutes) that cover the reviews: SQLite shifts each span's quarter hours by its offset."""
        days: dict[str, int] = {}
        for start, end, minutes in periods:
            rows = self._db.execute(
                "SELECT date(slot, ?), sum(reviews) FROM review_slots WHERE slot >= ? AND slot < ? GROUP BY 1",
                (f"{minutes:+d} minutes", _slot(start), _slot(end)))
            for day, count in rows:
                days[day] = days.get(day, 0) + count
        return days

    def reviews(self, since: datetime | None = None) -> list[Review]:
        query = "SELECT id, question_id, reviewed_at, rating, correct FROM reviews"
        args: tuple[str, ...] = ()
        if since is not None:
            query, args = query + " WHERE reviewed_at >= ?", (_iso(since),)
        return [
            Review(row[0], row[1], datetime.fromisoformat(row[2]), Rating(row[3]), None if row[4] is None else bool(row[4]))
            for row in self._db.execute(query + " ORDER BY reviewed_at, id", args)
        ]

    def answers(self, question_id: str) -> list[PastAnswer]:
        """Every answer given to `question_id`, oldest first."""
        return [
            PastAnswer(datetime.fromisoformat(at), Rating(rating), None if correct is None else bool(correct), answer,
                       None if covered is None else json.loads(covered), duration)
            for at, rating, correct, answer, covered, duration in self._db.execute(
                "SELECT reviewed_at, rating, correct, answer, covered, duration_ms FROM reviews"
                " WHERE question_id = ? ORDER BY reviewed_at, id", (question_id,))
        ]

    # mock interviews ---------------------------------------------------------

    def save_mock(self, mock_id: str, started_at: datetime, score: float, report: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO mocks VALUES (?, ?, ?, ?)", (mock_id, _iso(started_at), score, report))

    def mocks(self) -> list[tuple[datetime, float, str]]:
        """Every mock interview kept, oldest first: when it started, its score (0-1) and its report as JSON."""
        return [(datetime.fromisoformat(at), score, report) for at, score, report in
                self._db.execute("SELECT started_at, score, report FROM mocks ORDER BY started_at, id")]

    def first_reviews_between(self, start: datetime, end: datetime) -> int:
        """How many questions were seen for the first time in [start, end): the new cards of a day."""
        return self._db.execute(
            "SELECT COUNT(*) FROM question_totals WHERE first_review >= ? AND first_review < ?",
            (_iso(start), _iso(end)),
        ).fetchone()[0]


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration, split where SQLite says one is complete (a trigger holds `;`s)."""
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                yield statement
            statement = ""


def _slot(moment: datetime) -> str:
    """The UTC quarter hour a moment on that grid names, as SLOT_SQL writes it."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M")


def _slot_time(slot: str) -> datetime:
    return datetime.fromisoformat(f"{slot}:00+00:00")


def _iso(moment: datetime) -> str:
    """UTC with a fixed width, so that stored times sort and compare as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _write_card(db: sqlite3.Connection, question_id: str, card: CardState) -> None:
    db.execute(
        "INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            question_id,
            card.state,
            card.step,
            card.stability,
            card.difficulty,
            _iso(card.due),
            _iso(card.last_review) if card.last_review else None,
        ),
    )


def _card(row: tuple) -> CardState:
    state, step, stability, difficulty, due, last_review = row
    return CardState(
        state, step, stability, difficulty, datetime.fromisoformat(due),
        datetime.fromisoformat(last_review) if last_review else None,
    )


def _card_json(card: CardState | None) -> str | None:
    if card is None:
        return None
    data = asdict(card)
    data["due"] = _iso(card.due)
    data["last_review"] = _iso(card.last_review) if card.last_review else None
    return json.dumps(data)


def _card_from_json(text: str) -> CardState:
    data = json.loads(text)
    return _card(tuple(data[k] for k in ("state", "step", "stability", "difficulty", "due", "last_review")))
