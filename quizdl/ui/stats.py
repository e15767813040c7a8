"""`quizdl stats`: a per-topic table, a heatmap of the last weeks, and the streak."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.progress.stats import Progress
from quizdl.progress.store import Store
from quizdl.ui.labels import say
from quizdl.ui.tables import Column, print_table

WEEKS = 16
GLYPHS = " ░▒▓█"
"""One shade per level, 0 (no review) to 4: the glyph alone tells the level, colour or not."""
_COLOURS = ["on grey23", "green4", "green3", "green1", "bright_green"]

def print_stats(console: Console, catalog: Catalog, store: Store, now: datetime, lang: str) -> None:
    progress = Progress.read(catalog, store, now)
    rows = progress.topics
    columns = [Column(say("col.topic", lang), grows=True),
               *(Column(say(f"col.{name}", lang), justify="right")
                 for name in ("total", "seen", "due", "suspended", "reviews", "accuracy"))]
    cells = [[catalog.topic_title(row.topic, lang), str(row.total), str(row.seen), str(row.due),
              str(row.suspended or ""), str(row.reviews),
              f"{100 * row.accuracy:.0f}%" if row.accuracy is not None else "–"] for row in rows]
    totals = [sum(getattr(r, f) for r in rows) for f in ("total", "seen", "due", "suspended", "reviews", "recalled")]
    overall = f"{100 * totals[5] / totals[4]:.0f}%" if totals[4] else "–"
    cells.append([Text(text, style="bold") for text in ("Σ", *map(str, totals[:5]), overall)])
    print_table(console, columns, cells)
    per_day, today = progress.per_day, progress.today
    console.print()
    console.print(heatmap(per_day, today, lang=lang))
    console.print(Text(say("stats.streak", lang, n=progress.streak), style="bold"),
                  Text(say("stats.all_reviews", lang, n=sum(per_day.values())), style="dim"))


def heatmap(per_day: Counter[date], today: date, weeks: int = WEEKS, lang: str = "en") -> Text:
    """GitHub-style: one column per week, one row per weekday, a shade per level of reviews that day.

    The levels split 1 to the busiest day's count into four equal ranges (at least one review
    each, so up to 4 reviews a day every count has its own shade); the legend gives each range."""
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    top = max(4, max((per_day[start + timedelta(d)] for d in range(7 * weeks)), default=0))
    text = Text()
    month_row = ""
    for week in range(weeks):
        first = start + timedelta(weeks=week)
        if first.day <= 7:
            month_row += " " * max(0, 4 + 2 * week - cell_len(month_row))
            month_row += say("stats.month", lang, day=first)
    text.append(month_row.rstrip() + "\n", style="dim")
    for weekday, name in enumerate(say("stats.weekdays", lang).split()):
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
    text.append("    " + say("stats.legend", lang), style="dim")
    for level, (low, high) in enumerate(_ranges(top)):
        if level:
            text.append(say("stats.separator", lang), style="dim")
        if level == 0:
            text.append(say("stats.blank", lang), style=_COLOURS[0])  # the word stands for the blank glyph
        else:
            text.append(GLYPHS[level], style=_COLOURS[level])
        count = str(low) if low == high else f"{low}–{high}"
        text.append(" " + say("stats.count", lang, n=count), style="dim")
    return text


def _level(count: int, top: int) -> int:
    """0 for no review, else 1 to 4: which quarter of 1..top the count falls in."""
    return 0 if count <= 0 else min(4, (4 * count - 1) // top + 1)


def _ranges(top: int) -> list[tuple[int, int]]:
    """The counts each level stands for: (0, 0), then four consecutive ranges ending at `top`."""
    return [(0, 0)] + [(top * (level - 1) // 4 + 1, top * level // 4) for level in range(1, 5)]
