"""Bank text for the terminal: LaTeX as Unicode, `code` highlighted, dates in words."""

from __future__ import annotations

import re
from datetime import datetime

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


def plain(text: str) -> str:
    """A bank text as one plain line, for lists and tables."""
    return " ".join(_CODE.sub(lambda m: m.group(1) or m.group(2), render(text)).split())


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
