"""Bank text for the terminal: LaTeX as Unicode, `code` highlighted, dates in words."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from rich.text import Text

from quizdl.ui.latex import render

_CODE = re.compile(r"```[a-z]*\n?(.*?)```|`([^`\n]+)`", re.S)


def rich_text(text: str) -> Text:
    """A bank text as a Rich Text: math rendered, `code` and ``` blocks styled as code, no markup parsing."""
    out = Text()
    position = 0
    plain = render(text)
    for match in _CODE.finditer(plain):
        out.append(plain[position:match.start()])
        out.append((match.group(1) or match.group(2)).rstrip("\n"), style="bold magenta")
        position = match.end()
    out.append(plain[position:])
    return out


def python_code(source: str) -> Any:
    """Python source highlighted with line numbers, as a rich renderable. rich.syntax brings in pygments, so it
    is imported only when a solution is shown."""
    from rich.syntax import Syntax

    return Syntax(source, "python", line_numbers=True, word_wrap=True)


def plain(text: str) -> str:
    """A bank text as one plain line, for lists and tables."""
    return " ".join(_CODE.sub(lambda m: m.group(1) or m.group(2), render(text)).split())


HEADING_CHARACTERS = 600
"""How much of a name the catalogue cache keeps rendered: enough for a `list` line at 200 columns."""
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)[^}]*\}\}")


def one_line(source: str, length: int | None = None) -> str:
    """A title or prompt as one plain line, {{placeholders}} shown as ⟨name⟩. With `length`, only about the
    first `length` characters are rendered (never cut inside a $formula$, a `code span` or a {{placeholder}})
    and a line that was cut ends with '…': rendering every $...$ of a long prompt for a line that shows its
    first few words was most of the time `list` took."""
    start = source if length is None else _start(source, length)
    text = _PLACEHOLDER.sub(r"⟨\1⟩", plain(start))
    return text if start is source else text + "…"


def _start(source: str, length: int) -> str:
    """`source` itself when it is short, else its first `length` characters or a little more."""
    end, before = min(length, len(source)), -1
    while end != before and end < len(source):
        before, start = end, source[:end]
        for opener, closer in (("$", "$"), ("`", "`"), ("{{", "}}")):
            if start.count(opener) > start.count(closer) or (opener == closer and start.count(opener) % 2):
                close = source.find(closer, end)
                end = len(source) if close == -1 else close + len(closer)
                break
    return source[:end]


def when(moment: datetime, now: datetime, lang: str = "en") -> str:
    """'now', 'in 3 min', 'tomorrow 09:00' or a date, in the learner's local time."""
    from quizdl.ui.labels import say

    local, today = moment.astimezone(), now.astimezone()
    seconds = (moment - now).total_seconds()
    clock = local.strftime("%H:%M")
    if seconds <= 60:
        return say("when.now", lang)
    if seconds < 3600:
        return say("when.minutes", lang, n=round(seconds / 60))
    days = (local.date() - today.date()).days
    if days in (0, 1):
        return say("when.today" if days == 0 else "when.tomorrow", lang, clock=clock)
    return say("when.date", lang, date=local.strftime("%Y-%m-%d"), days=days)
