"""All questions quizdl knows: the bundled banks plus the learner's own folders.

A broken file is reported and skipped; the rest still works. Ids are unique
across every file: progress is keyed by id, so a duplicate would mix two
questions' histories. The first definition wins and the later one is reported.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizdl.bank.kinds import KINDS
from quizdl.bank.loader import Problem, find_bank_files, load_file
from quizdl.errors import UsageError
from quizdl.paths import cache_dir, content_dir

if TYPE_CHECKING:
    from quizdl.bank.schema import Question


@dataclass(frozen=True, slots=True)
class Entry:
    """What lists, counts and the scheduler need of a question: read from validated data without building it."""

    id: str
    kind: str
    topic: str
    difficulty: str
    tags: tuple[str, ...]
    name: Mapping[str, str]
    """The title, else the prompt, by language."""

    @classmethod
    def of(cls, data: dict[str, Any], topic: str) -> Entry:
        return cls(data["id"], data["kind"], data.get("topic") or topic, data.get("difficulty", "medium"),
                   tuple(data.get("tags", ())), data.get("title") or data["prompt"])


class _Questions(Mapping[str, "Question"]):
    """Questions by id, each validated the first time it is asked for: a command that shows one question out of
    ten thousand builds one."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[dict[str, Any], str]] = {}
        self._built: dict[str, Question] = {}

    def add(self, qid: str, data: dict[str, Any], topic: str, built: Question | None) -> None:
        self._data[qid] = (data, topic)
        if built is not None:
            self._built[qid] = built

    def __getitem__(self, qid: str) -> Question:
        if qid not in self._built:
            from quizdl.bank.schema import validate_question

            data, topic = self._data[qid]
            self._built[qid] = validate_question(data, topic)
        return self._built[qid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, qid: object) -> bool:
        return qid in self._data


@dataclass
class Catalog:
    questions: _Questions = field(default_factory=_Questions)
    entries: dict[str, Entry] = field(default_factory=dict)
    titles: dict[str, Mapping[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    where: dict[str, tuple[Path, int, int]] = field(default_factory=dict)
    """The file, line and column where each question id is written."""

    def question(self, qid: str) -> Question:
        try:
            return self.questions[qid]
        except KeyError:
            close = difflib.get_close_matches(qid, list(self.questions), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else "; `quizdl list` shows the ids"
            raise UsageError(f"unknown question id {qid!r}{hint}") from None

    def topics(self) -> list[str]:
        return list(dict.fromkeys(e.topic for e in self.entries.values()))

    def topic_title(self, topic: str, lang: str) -> str:
        title = self.titles.get(topic)
        return title.get(lang, topic) if title else topic

    def select_entries(self, topics: list[str] | None = None, kinds: list[str] | None = None) -> list[Entry]:
        """The entries of the given topics and kinds (all when None); UsageError for unknown names."""
        known = self.topics()
        for topic in topics or []:
            if topic not in known:
                close = difflib.get_close_matches(topic, known, n=3, cutoff=0.5)
                hint = f"did you mean {', '.join(close)}?" if close else f"topics: {', '.join(known)}"
                raise UsageError(f"unknown topic {topic!r}; {hint}")
        for kind in kinds or []:
            if kind not in KINDS:
                raise UsageError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
        return [e for e in self.entries.values() if (not topics or e.topic in topics) and (not kinds or e.kind in kinds)]

    def select(self, topics: list[str] | None = None, kinds: list[str] | None = None) -> list[Question]:
        """The questions themselves, built: for commands that use every field of every question."""
        return [self.questions[e.id] for e in self.select_entries(topics, kinds)]


def load_catalog(extra: list[Path] | None = None, *, bundled: bool = True, cache: bool = True,
                 only: set[str] | None = None) -> Catalog:
    """Load the bundled banks (unless `bundled` is False) and then every file or folder in `extra`.

    `only`: validate just the files that define these ids (others are still read for their ids)."""
    roots = ([content_dir()] if bundled else []) + list(extra or [])
    cache_folder = cache_dir() / "banks" if cache else None
    catalog = Catalog()
    for root in roots:
        if not root.exists():
            catalog.problems.append(Problem(root, 1, 1, "path", "no such file or folder"))
            continue
        for path in find_bank_files([root]):
            loaded = load_file(path, cache_folder, only)
            catalog.problems += loaded.problems
            if loaded.data is None:
                continue
            topic, title = loaded.data["topic"], loaded.data.get("title")
            if title and topic not in catalog.titles:
                catalog.titles[topic] = title
            built = {q.id: q for q in loaded.bank.questions} if loaded.bank else {}
            for data in loaded.data.get("questions", []):
                qid = data["id"]
                line, column = loaded.positions.get(qid, (1, 1))
                if qid in catalog.where:
                    first = ":".join(map(str, catalog.where[qid]))
                    catalog.problems.append(Problem(path, line, column, qid, f"duplicate id; first defined at {first}"))
                    continue
                catalog.questions.add(qid, data, topic, built.get(qid))
                catalog.entries[qid] = Entry.of(data, topic)
                catalog.where[qid] = (path, line, column)
    return catalog
