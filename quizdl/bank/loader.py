"""Reading one bank file: from the catalogue cache when it validated before, else parsed and validated
(quizdl.bank.parse), with problems that point at file:line:column.

The YAML parser and the schema are imported only on a cache miss: a warm start reads neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quizdl.bank import catalog_cache
from quizdl.bank.entry import Bank
from quizdl.detail import Detail, shown

BANK_SUFFIXES = (".yaml", ".yml")
MAX_BANK_BYTES = 5 * 2**20
"""A bank of several thousand questions is well under this; anything larger is a mistake or an attack."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a bank file, printed as file:line:column: field: message."""

    path: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"

    def text(self, lang: str) -> str:
        """The problem line in `lang`: our own messages are Details (quizdl/detail.py); the place stays as it is."""
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {shown(self.message, lang)}"


@dataclass
class LoadedFile:
    """A parsed bank file: the bank when it is valid, and every problem found."""

    path: Path
    valid: Bank | None = None
    """The file's topic, entries and data, once it is known to validate (now, or when its cache entry was
    written)."""
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each question id is written, for problems found across files."""


def find_bank_files(paths: list[Path]) -> list[Path]:
    """The bank files in `paths`: files as given, folders searched recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in BANK_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def load_file(path: Path, cache: Path | None = None, only: set[str] | None = None) -> LoadedFile:
    """Parse and validate one bank file. With a `cache` folder, a file that validated cleanly before is
    neither parsed nor validated again (see catalog_cache): `valid` comes from the cache.

    With `only`, an uncached file that defines none of those ids is not validated (`valid` stays None):
    `quizdl grade ID` starts faster by checking the one file it needs."""
    result = LoadedFile(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _unreadable(result, error)
    if len(raw) > MAX_BANK_BYTES:
        result.problems.append(Problem(path, 1, 1, "file", Detail("bank.too_large", size=len(raw) / 2**20,
                                                                  most=MAX_BANK_BYTES // 2**20)))
        return result
    cached = catalog_cache.read(cache, raw) if cache else None
    if cached is not None:
        result.valid, result.positions = cached
        return result
    try:
        text = raw.decode("utf-8")  # after the cache: an entry's bytes decoded before
    except UnicodeDecodeError as error:
        return _unreadable(result, error)
    from quizdl.bank.parse import parse_and_validate

    data = parse_and_validate(result, text, only)
    if data is not None and cache:
        catalog_cache.write(cache, raw, data, result.positions)
    return result


def _unreadable(result: LoadedFile, error: Exception) -> LoadedFile:
    result.problems.append(Problem(result.path, 1, 1, "file", Detail("bank.cannot_read", error=str(error))))
    return result
