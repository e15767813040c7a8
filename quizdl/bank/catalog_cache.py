"""A cache of validated bank files, so that commands start without parsing or validating the catalogue.

An entry holds the plain data of one bank file that parsed and validated
without a problem, named by the SHA-256 of the file's bytes: an edit makes a
new entry and stale ones are never read. Reading an entry replaces YAML parsing
and schema validation; questions are then built one by one, when a command
needs them (`Catalog.question`).

An entry is believed only if everything about it says it is ours and current:
- the format, quizdl's version and a fingerprint of the code that validated it
  (the bank schema and loader) match, so a schema change rebuilds every entry;
- a digest over its content matches, so a truncated or edited entry is rebuilt;
- it is a regular file owned by this user and writable by no one else.
Anything else is treated as a miss: the file is parsed and validated again,
and the entry is written anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from functools import cache
from pathlib import Path
from typing import Any

import quizdl
from quizdl.bank.entry import Bank, Entry

_FORMAT = 6
"""6: the index by column, defaults left out; 5: entries with their rendered heading; 4: an index line before the
data; 3: validated entries with a fingerprint and a digest; 2: parsed YAML."""
MAX_ENTRIES = 1000
"""Entries kept; the least recently used go first (reading an entry touches it)."""
_CODE = ("bank/schema.py", "bank/loader.py", "bank/parse.py", "bank/kinds.py", "bank/entry.py",
         "bank/catalog_cache.py", "grader/spec.py", "ui/text.py", "ui/latex.py")
"""The modules whose change can change what a bank validates to (with the grader's check schema), or how its
headings are rendered."""


@cache
def fingerprint() -> str:
    """quizdl's version and the bytes of the code that makes an entry."""
    digest = hashlib.sha256(quizdl.__version__.encode())
    package = Path(quizdl.__file__).parent
    for name in _CODE:
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def _entry(folder: Path, raw: bytes) -> Path:
    return folder / f"{hashlib.sha256(raw).hexdigest()}.json"


def _digest(payload: bytes) -> str:
    return hashlib.sha256(fingerprint().encode() + b"\n" + payload).hexdigest()


def _ours(path: Path) -> bool:
    """A regular file of this user that no one else may write: only then can its content be believed."""
    info = path.lstat()
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISREG(info.st_mode) and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(folder: Path, raw: bytes) -> tuple[Bank, dict[str, tuple[int, int]]] | None:
    """The validated bank and question positions of a file with these bytes, or None (a miss).

    An entry is three lines: a header (format, code fingerprint, digest), an index (topic, title and, column by
    column, each question's Entry and position: see `_index`) and the file's data. The digest is checked on the
    bytes of both before anything is parsed; the data line is parsed only when a question is built."""
    try:
        path = _entry(folder, raw)
        if not _ours(path):
            return None
        header, _, payload = path.read_bytes().partition(b"\n")
        meta = json.loads(header)
        if meta.get("format") != _FORMAT or meta.get("code") != fingerprint() or meta.get("digest") != _digest(payload):
            return None
        index_line, _, data_line = payload.partition(b"\n")
        index = json.loads(index_line)
        entries, positions = _unindex(index)
        os.utime(path)  # recently used: kept by the eviction
        return Bank(index["topic"], index["title"], entries, lambda: _questions(data_line)), positions
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def _index(topic: str, entries: list[Entry], positions: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """The entries and positions of a file as one list per field, what most questions share left out.

    Ten thousand questions were ten thousand small lists and dicts in the JSON, and decoding them was most of a
    warm `list`'s reading; columns of strings decode in a third of the time and are joined into entries in C
    (`Entry.zipped`). Left out, and restored by `_unindex`: a topic equal to the file's and the difficulty
    "medium" (null), a heading equal to its name (null: it is the name), tags as an index into the file's
    distinct tag lists (a file's questions share a few)."""
    languages = list(entries[0].name) if entries else []
    tag_lists = list(dict.fromkeys(entry.tags for entry in entries))
    tag_number = {tags: number for number, tags in enumerate(tag_lists)}
    return {
        "id": [entry.id for entry in entries],
        "kind": [entry.kind for entry in entries],
        "topic": [None if entry.topic == topic else entry.topic for entry in entries],
        "difficulty": [None if entry.difficulty == "medium" else entry.difficulty for entry in entries],
        "tag_lists": tag_lists,
        "tags": [tag_number[entry.tags] for entry in entries],
        "name": {lang: [entry.name[lang] for entry in entries] for lang in languages},
        "heading": {lang: [None if entry.heading == entry.name else entry.heading[lang] for entry in entries]
                    for lang in languages},
        "line": [positions.get(entry.id, (1, 1))[0] for entry in entries],
        "column": [positions.get(entry.id, (1, 1))[1] for entry in entries],
    }


def _unindex(index: dict[str, Any]) -> tuple[list[Entry], dict[str, tuple[int, int]]]:
    """The entries and positions `_index` wrote; a column of another length than the ids is a ValueError."""
    questions, topic = index["questions"], index["topic"]
    ids, languages = questions["id"], list(questions["name"])
    names = [dict(zip(languages, texts)) for texts in zip(*questions["name"].values(), strict=True)]
    headings = [name if texts[0] is None else dict(zip(languages, texts))
                for name, texts in zip(names, zip(*(questions["heading"][lang] for lang in languages), strict=True),
                                        strict=True)]
    tag_lists = [tuple(tags) for tags in questions["tag_lists"]]
    columns = (ids, questions["kind"], [own or topic for own in questions["topic"]],
               [difficulty or "medium" for difficulty in questions["difficulty"]],
               [tag_lists[number] for number in questions["tags"]], names, headings)
    positions = dict(zip(ids, zip(questions["line"], questions["column"], strict=True), strict=True))
    return Entry.zipped(*columns), positions


def _questions(data_line: bytes) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in json.loads(data_line).get("questions", [])}


def write(folder: Path, raw: bytes, data: Any, positions: dict[str, tuple[int, int]]) -> None:
    """Store an entry for a file that validated cleanly, atomically; a failure only means no cache."""
    try:
        # Infinity stands for YAML's .inf: only quizdl reads this JSON
        data_line = json.dumps(data, ensure_ascii=False).encode()
        if json.loads(data_line) != data:  # YAML dates, integer keys, NaN: not kept as they were
            return
        from quizdl.ui.text import HEADING_CHARACTERS, one_line

        bank = Bank.of(data)
        entries = [entry._replace(heading={lang: one_line(name, HEADING_CHARACTERS) for lang, name in entry.name.items()})
                   for entry in bank.entries]
        index = {"topic": bank.topic, "title": bank.title, "questions": _index(bank.topic, entries, positions)}
        payload = json.dumps(index, ensure_ascii=False).encode() + b"\n" + data_line
        header = json.dumps({"format": _FORMAT, "code": fingerprint(), "digest": _digest(payload)}).encode()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile  # writing is the slow path; a warm start only reads

        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")  # mode 0600
    except (OSError, TypeError, ValueError, KeyError):
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(header + b"\n" + payload)
        os.replace(temporary, _entry(folder, raw))
    except OSError:
        Path(temporary).unlink(missing_ok=True)
    _evict(folder)


def _evict(folder: Path) -> None:
    """Drop the least recently used entries beyond MAX_ENTRIES: an edited bank leaves its old entry behind."""
    try:
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for stale in entries[:-MAX_ENTRIES]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
