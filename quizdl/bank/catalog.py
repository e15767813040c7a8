"""All questions quizdl knows: the bundled banks plus the learner's own folders.

A broken file is reported and skipped; the rest still works. Ids are unique
across every file: progress is keyed by id, so a duplicate would mix two
questions' histories. The first definition wins and the later one is reported.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from functools import cache as _once
from functools import cached_property
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizdl.bank.entry import Entry
from quizdl.bank.kinds import KINDS
from quizdl.bank.loader import Problem, find_bank_files, load_file
from quizdl.detail import Detail
from quizdl.errors import UsageError
from quizdl.paths import cache_dir, content_dir

if TYPE_CHECKING:
    from quizdl.bank.question import Question


class _Questions(Mapping[str, "Question"]):
    """Questions by id, each built the first time it is asked for: a command that shows one question out of
    ten thousand builds one, and parses the data of one file."""

    def __init__(self) -> None:
        self._source: dict[str, tuple[Callable[[], dict[str, Any]], str]] = {}
        self._built: dict[str, Question] = {}

    def add(self, qid: str, data: Callable[[], dict[str, Any]], topic: str) -> None:
        """`data()` gives the validated data of the questions of qid's file, by id."""
        self._source[qid] = (data, topic)

    def __getitem__(self, qid: str) -> Question:
        if qid not in self._built:
            from quizdl.bank.question import build

            data, topic = self._source[qid]
            self._built[qid] = build(data()[qid], topic)
        return self._built[qid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)

    def __contains__(self, qid: object) -> bool:
        return qid in self._source


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
            if close:
                raise UsageError(key="error.unknown_id_close", qid=qid, close=", ".join(close)) from None
            raise UsageError(key="error.unknown_id", qid=qid) from None

    @cached_property
    def by_topic(self) -> dict[str, list[Entry]]:
        """The entries of each topic, in catalogue order (computed once: the catalogue is complete when used)."""
        groups: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            groups.setdefault(entry.topic, []).append(entry)
        return groups

    def topics(self) -> list[str]:
        return list(self.by_topic)

    def topic_title(self, topic: str, lang: str) -> str:
        title = self.titles.get(topic)
        return title.get(lang, topic) if title else topic

    def select_entries(self, topics: list[str] | None = None, kinds: list[str] | None = None) -> list[Entry]:
        """The entries of the given topics and kinds (all when None); UsageError for unknown names."""
        known = self.topics()
        for topic in topics or []:
            if topic not in known:
                close = difflib.get_close_matches(topic, known, n=3, cutoff=0.5)
                if close:
                    raise UsageError(key="error.unknown_topic_close", topic=topic, close=", ".join(close))
                raise UsageError(key="error.unknown_topic", topic=topic, known=", ".join(known))
        for kind in kinds or []:
            if kind not in KINDS:
                raise UsageError(key="error.unknown_kind", kind=kind, kinds=", ".join(KINDS))
        return [e for e in self.entries.values() if (not topics or e.topic in topics) and (not kinds or e.kind in kinds)]

    def select(self, topics: list[str] | None = None, kinds: list[str] | None = None) -> list[Question]:
        """The questions themselves, built: for commands that use every field of every question."""
        return [self.questions[e.id] for e in self.select_entries(topics, kinds)]


def load_catalog(extra: list[Path] | None = None, *, bundled: bool = True, cache: bool = True,
                 only: set[str] | None = None) -> Catalog:
    """Load the bundled banks (unless `bundled` is False) and then every file or folder in `extra`.

    `only`: validate just the files that define these ids (others are still read for their ids).
    A file named twice (`quizdl lint content/x.yaml` in a checkout names a bundled file again) is read once, so
    its ids do not clash with themselves."""
    roots = ([content_dir()] if bundled else []) + list(extra or [])
    cache_folder = cache_dir() / "banks" if cache else None
    catalog = Catalog()
    seen: set[Path] = set()
    for root in roots:
        if not root.exists():
            catalog.problems.append(Problem(root, 1, 1, "path", Detail("bank.no_path")))
            continue
        for path in find_bank_files([root]):
            if (real := path.resolve()) in seen:
                continue
            seen.add(real)
            loaded = load_file(path, cache_folder, only)
            catalog.problems += loaded.problems
            if loaded.valid is None:
                continue
            bank = loaded.valid
            if bank.title and bank.topic not in catalog.titles:
                catalog.titles[bank.topic] = bank.title
            data = _once(bank.data)  # parsed once per file, when its first question is built
            for entry in bank.entries:
                line, column = loaded.positions.get(entry.id, (1, 1))
                if entry.id in catalog.where:
                    first = ":".join(map(str, catalog.where[entry.id]))
                    catalog.problems.append(
                        Problem(path, line, column, entry.id, Detail("bank.duplicate_id", first=first)))
                    continue
                catalog.questions.add(entry.id, data, bank.topic)
                catalog.entries[entry.id] = entry
                catalog.where[entry.id] = (path, line, column)
    return catalog
