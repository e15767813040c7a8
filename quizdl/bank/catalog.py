"""All questions quizdl knows: the bundled banks plus the learner's own folders.

A broken file is reported and skipped; the rest still works. Ids are unique
across every file: progress is keyed by id, so a duplicate would mix two
questions' histories. The first definition wins and the later one is reported.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from quizdl.bank.loader import Problem, find_bank_files, load_file
from quizdl.bank.schema import KINDS, Question, Text
from quizdl.errors import UsageError
from quizdl.paths import cache_dir, content_dir


@dataclass
class Catalog:
    questions: dict[str, Question] = field(default_factory=dict)
    titles: dict[str, Text] = field(default_factory=dict)
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

    def topics(self) -> list[str]:
        return list(dict.fromkeys(q.topic for q in self.questions.values() if q.topic))

    def topic_title(self, topic: str, lang: str) -> str:
        title = self.titles.get(topic)
        return title.get(lang) if title else topic

    def select(self, topics: list[str] | None = None, kinds: list[str] | None = None) -> list[Question]:
        """Questions of the given topics and kinds (all when None); UsageError for unknown names."""
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
        return [
            q
            for q in self.questions.values()
            if (not topics or q.topic in topics) and (not kinds or q.kind in kinds)
        ]


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
            if loaded.bank is None:
                continue
            if loaded.bank.title and loaded.bank.topic not in catalog.titles:
                catalog.titles[loaded.bank.topic] = loaded.bank.title
            for question in loaded.bank.questions:
                line, column = loaded.positions.get(question.id, (1, 1))
                if question.id in catalog.where:
                    first = ":".join(map(str, catalog.where[question.id]))
                    catalog.problems.append(
                        Problem(path, line, column, question.id, f"duplicate id; first defined at {first}")
                    )
                    continue
                catalog.questions[question.id] = question
                catalog.where[question.id] = (path, line, column)
    return catalog

