"""What lists, counts and the scheduler need of a question, read from validated data without building it."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from typing import Any, NamedTuple


class Entry(NamedTuple):
    """A question as `list`, `topics`, `stats` and the session planner see it: a tuple, cheap to make by the
    ten thousand and to keep in the catalogue cache."""

    id: str
    kind: str
    topic: str
    difficulty: str
    tags: tuple[str, ...]
    name: Mapping[str, str]
    """The title, else the prompt, by language."""
    heading: Mapping[str, str] | None = None
    """The start of `name` as one line of plain Unicode, by language (quizdl.ui.text.one_line): rendered when
    the catalogue cache entry is written, so that `list` renders no LaTeX. None when not cached."""

    @classmethod
    def of(cls, data: dict[str, Any], topic: str) -> Entry:
        """The entry of one question's validated data; `topic` is its file's."""
        return cls(data["id"], data["kind"], data.get("topic") or topic, data.get("difficulty", "medium"),
                   tuple(data.get("tags", ())), data.get("title") or data["prompt"])

    @classmethod
    def zipped(cls, *columns: list[Any]) -> list[Entry]:
        """The entries whose fields are these columns, which must all be as long (else a ValueError).

        Made by tuple.__new__ in C: a NamedTuple's own __new__ is a Python function, and calling it was half of
        the time the catalogue cache took to turn ten thousand rows into entries."""
        return list(map(tuple.__new__, repeat(cls), zip(*columns, strict=True)))


class Bank(NamedTuple):
    """A bank file known to validate: its topic and title, an entry per question, and the questions' data, parsed
    only when a question is built (`data()`, id → the question's plain data)."""

    topic: str
    title: Mapping[str, str] | None
    entries: list[Entry]
    data: Any  # Callable[[], dict[str, dict[str, Any]]]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Bank:
        questions = data.get("questions", [])
        return cls(data["topic"], data.get("title"), [Entry.of(q, data["topic"]) for q in questions],
                   lambda: {q["id"]: q for q in questions})
