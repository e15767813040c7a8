"""A cache of parsed YAML, so that a large collection of banks loads in well under a second.

libyaml still builds a Python object for every node, which costs seconds for
tens of thousands of questions; JSON loads an order of magnitude faster. An
entry is the plain data of one cleanly parsed file, named by the SHA-1 of the
file's bytes: any edit makes a new entry, and stale ones are never read.
Only data that survives a JSON round trip unchanged is cached (YAML can hold
dates or integer keys that JSON would turn into something else).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

_VERSION = 2
"""2: entries written since files whose aliases expand past the loader's cap are refused."""
MAX_ENTRIES = 1000
"""Entries kept; the least recently used go first (reading an entry touches it)."""


def _entry(folder: Path, raw: bytes) -> Path:
    return folder / f"{hashlib.sha1(raw).hexdigest()}.json"


def read(folder: Path, raw: bytes) -> tuple[Any, dict[str, tuple[int, int]]] | None:
    """The cached data and question positions for these file bytes, or None."""
    try:
        path = _entry(folder, raw)
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry.get("version") != _VERSION:
            return None
        os.utime(path)  # recently used: kept by the eviction
        return entry["data"], {qid: (line, column) for qid, (line, column) in entry["positions"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(folder: Path, raw: bytes, data: Any, positions: dict[str, tuple[int, int]]) -> None:
    """Store an entry atomically; a failure only means no cache."""
    try:
        text = json.dumps({"version": _VERSION, "data": data, "positions": positions}, ensure_ascii=False,
                          allow_nan=False)
        if json.loads(text)["data"] != data:
            return
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    except (OSError, TypeError, ValueError):
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
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
