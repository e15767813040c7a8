"""The learner's workspace: where starter files are written and edited."""

from __future__ import annotations

from pathlib import Path

from quizdl.bank.question import CodeQuestion
from quizdl.errors import QuizdlError

DEFAULT = Path("quizdl-workspace")


def write_stub(exercise: CodeQuestion, directory: Path = DEFAULT, *, force: bool = False) -> Path:
    """Write the starter file; an existing file is the learner's work and is kept unless `force`."""
    path = directory / exercise.file
    if path.exists() and not force:
        raise QuizdlError(key="error.exists", path=path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(exercise.stub, encoding="utf-8")
    except OSError as error:
        raise QuizdlError(f"cannot write {path}: {error}") from None
    return path
