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
    """'now', 'in 3 h', 'tomorrow 09:00' or a date, in the learner's local time."""
    local, today = moment.astimezone(), now.astimezone()
    seconds = (moment - now).total_seconds()
    clock = local.strftime("%H:%M")
    if seconds <= 60:
        return "现在" if lang == "zh" else "now"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return f"{minutes} 分钟后" if lang == "zh" else f"in {minutes} min"
    days = (local.date() - today.date()).days
    if days == 0:
        return f"今天 {clock}" if lang == "zh" else f"today {clock}"
    if days == 1:
        return f"明天 {clock}" if lang == "zh" else f"tomorrow {clock}"
    date = local.strftime("%Y-%m-%d")
    return f"{date}（{days} 天后）" if lang == "zh" else f"{date} (in {days} days)"
