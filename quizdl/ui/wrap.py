"""Line breaking for Chinese text: between any two characters, never before closing punctuation
(，。、：；！？）」』…) and never after opening punctuation (（「『“), widths in terminal cells.

Rich wraps at spaces only, so a run of Chinese (which has none) moves to the next line whole,
leaving a third of the line empty. Rich's `divide_line` takes its break opportunities from
`rich._wrap.words`; `install()` gives it these units instead: a Latin word with its trailing
spaces as before, each CJK character on its own, punctuation glued to its neighbour.
tests/test_wrap.py fails if a Rich upgrade stops calling it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff" \
       "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
CLOSING = "，。、：；！？）」』》〉】〕”’…—·％,.;:!?)]}%"
"""May not start a line: it belongs to what comes before."""
OPENING = "（「『《〈【〔“‘([{"
"""May not end a line: it belongs to what comes after."""
_ATOM = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+|\s+")
"""A CJK character, a run of anything else but spaces, or a run of spaces."""


def words(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, unit) for each unbreakable unit of `text`, its trailing spaces included."""
    units: list[list[int]] = []
    for atom in _ATOM.finditer(text):
        start, end = atom.span()
        glued = units and units[-1][1] == start and (
            text[start].isspace() or text[start] in CLOSING or text[start - 1] in OPENING)
        if glued:
            units[-1][1] = end
        else:
            units.append([start, end])
    for start, end in units:
        yield start, end, text[start:end]


def install() -> None:
    """Make Rich break lines with `words` (idempotent)."""
    import rich._wrap

    rich._wrap.words = words
