"""Expected screens kept as text files in tests/snapshots/, compared exactly.

After a deliberate change to a screen, write them again and review the diff:
    QUIZDL_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_tables.py tests/test_wrap.py
"""

from __future__ import annotations

import difflib
import io
import os
from pathlib import Path

from rich.console import Console

SNAPSHOTS = Path(__file__).parent / "snapshots"


def console(width: int) -> Console:
    """A plain console of `width` columns whose output `screen` returns."""
    return Console(width=width, file=io.StringIO(), color_system=None, force_terminal=False, highlight=False,
                   legacy_windows=False)


def screen(console: Console) -> str:
    """What was printed, each line without its trailing spaces."""
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("QUIZDL_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path}; QUIZDL_UPDATE_SNAPSHOTS=1 writes it"
    expected = path.read_text(encoding="utf-8")
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), "expected", "now", lineterm=""))
    assert text == expected, f"{name} differs (QUIZDL_UPDATE_SNAPSHOTS=1 rewrites it after review):\n{diff}"
