"""Re-grading on save: a stream of file-change events in, a stream of verdicts out.

The loop knows nothing of the terminal or of watchfiles: it takes any iterable
of change batches (watchfiles yields sets of `(change, path)` pairs) and a
`grade` function, so tests drive it with a list and the command with
`watchfiles.watch`. A batch counts when it names the watched file (editors that
save by writing a new file and renaming it still name it) and its bytes
changed since the last grade: one save that raises three events, or a touch,
grades nothing more. Grading goes through the grader's warm worker, so a
verdict follows a save by a few tens of milliseconds once the worker is up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from quizdl.errors import QuizdlError

if TYPE_CHECKING:
    from quizdl.grader.judge import Report  # the judge imports numpy: only for type checkers here

Changes = Iterable[Iterable[tuple[object, str]]]


@dataclass(frozen=True)
class Verdict:
    report: Report | None
    """None when the file could not be graded (`error` says why: too large, the sandbox did not start)."""
    error: QuizdlError | None
    saves: int
    """Saves graded so far; 0 for the grade of the file as it was found."""
    first_pass: bool
    """The first passing grade of this watch: the one to record."""

    @property
    def attempts(self) -> int:
        """Attempts as practice counts them (each grade the learner asked for): the pass of a file found
        already passing is one attempt."""
        return max(self.saves, 1)


def verdicts(path: Path, changes: Changes, grade: Callable[[Path], Report]) -> Iterator[Verdict]:
    """Grade `path` now, then again after every save that changed it."""
    target = path.resolve()
    graded = _read(path)
    report, error = _grade(grade, path)
    passed = report is not None and report.passed
    yield Verdict(report, error, 0, passed)
    saves = 0
    for batch in changes:
        if not any(Path(changed).resolve() == target for _change, changed in batch):
            continue
        content = _read(path)
        if content is None or content == graded:  # mid-save (renamed away), or saved unchanged
            continue
        graded = content
        saves += 1
        report, error = _grade(grade, path)
        now_passing = report is not None and report.passed
        yield Verdict(report, error, saves, now_passing and not passed)
        passed = passed or now_passing


def _grade(grade: Callable[[Path], Report], path: Path) -> tuple[Report | None, QuizdlError | None]:
    try:
        return grade(path), None
    except QuizdlError as error:
        return None, error


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
