"""`quizdl stats`: a per-topic table, a heatmap of the last weeks, and the streak."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.progress.stats import Progress
from quizdl.progress.store import Store

WEEKS = 16
GLYPHS = " ░▒▓█"
"""One shade per level, 0 (no review) to 4: the glyph alone tells the level, colour or not."""
_COLOURS = ["on grey23", "green4", "green3", "green1", "bright_green"]
_HEATMAP_LABELS = {
    "en": {
        "weekdays": ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], "legend": "reviews per day: ", "blank": "blank",
        "count": "{n}", "separator": ", ",
    },
    "zh": {
        "weekdays": ["一", "二", "三", "四", "五", "六", "日"], "legend": "每天复习次数：", "blank": "空白",
        "count": "{n} 次", "separator": "，",
    },
}


def print_stats(console: Console, catalog: Catalog, store: Store, now: datetime, lang: str) -> None:
    progress = Progress.read(catalog, store, now)
    rows = progress.topics
    table = Table(show_edge=False, pad_edge=False)
    for name in ("topic", "total", "seen", "due", "suspended", "reviews", "accuracy"):
        table.add_column(name, justify="left" if name == "topic" else "right")
    for row in rows:
        accuracy = f"{100 * row.accuracy:.0f}%" if row.accuracy is not None else "–"
        table.add_row(catalog.topic_title(row.topic, lang), str(row.total), str(row.seen), str(row.due),
                      str(row.suspended or ""), str(row.reviews), accuracy)
    totals = [sum(getattr(r, f) for r in rows) for f in ("total", "seen", "due", "suspended", "reviews", "recalled")]
    overall = f"{100 * totals[5] / totals[4]:.0f}%" if totals[4] else "–"
    table.add_row("[bold]Σ[/]", *(f"[bold]{n}[/]" for n in totals[:5]), f"[bold]{overall}[/]")
    console.print(table)
    per_day, today = progress.per_day, progress.today
    console.print()
    console.print(heatmap(per_day, today, lang=lang))
    days = progress.streak
    label = f"连续练习 {days} 天" if lang == "zh" else f"streak: {days} day{'s' if days != 1 else ''}"
    console.print(Text(label, style="bold"), Text(f"· {sum(per_day.values())} reviews in all", style="dim"))


def heatmap(per_day: Counter[date], today: date, weeks: int = WEEKS, lang: str = "en") -> Text:
    """GitHub-style: one column per week, one row per weekday, a shade per level of reviews that day.

    The levels split 1 to the busiest day's count into four equal ranges (at least one review
    each, so up to 4 reviews a day every count has its own shade); the legend gives each range."""
    labels = _HEATMAP_LABELS.get(lang, _HEATMAP_LABELS["en"])
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    top = max(4, max((per_day[start + timedelta(d)] for d in range(7 * weeks)), default=0))
    text = Text()
    month_row = ""
    for week in range(weeks):
        first = start + timedelta(weeks=week)
        if first.day <= 7:
            month_row += " " * max(0, 4 + 2 * week - cell_len(month_row))
            month_row += f"{first.month}月" if lang == "zh" else first.strftime("%b")[:2]
    text.append(month_row.rstrip() + "\n", style="dim")
    for weekday, name in enumerate(labels["weekdays"]):
        text.append(name + " " * (4 - cell_len(name)), style="dim")
        for week in range(weeks):
            day = start + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append("  ")
                continue
            level = _level(per_day[day], top)
            text.append(GLYPHS[level], style=_COLOURS[level])
            text.append(" ")
        text.append("\n")
    text.append("    " + labels["legend"], style="dim")
    for level, (low, high) in enumerate(_ranges(top)):
        if level:
            text.append(labels["separator"], style="dim")
        if level == 0:
            text.append(labels["blank"], style=_COLOURS[0])  # the word stands for the blank glyph
        else:
            text.append(GLYPHS[level], style=_COLOURS[level])
        count = str(low) if low == high else f"{low}–{high}"
        text.append(" " + labels["count"].format(n=count), style="dim")
    return text


def _level(count: int, top: int) -> int:
    """0 for no review, else 1 to 4: which quarter of 1..top the count falls in."""
    return 0 if count <= 0 else min(4, (4 * count - 1) // top + 1)


def _ranges(top: int) -> list[tuple[int, int]]:
    """The counts each level stands for: (0, 0), then four consecutive ranges ending at `top`."""
    return [(0, 0)] + [(top * (level - 1) // 4 + 1, top * level // 4) for level in range(1, 5)]
