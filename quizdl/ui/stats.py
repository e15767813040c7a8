"""`quizdl stats`: a per-topic table, a heatmap of the last weeks, and the streak."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from rich.console import Console
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.progress.stats import reviews_per_day, streak, topic_stats
from quizdl.progress.store import Store

WEEKS = 16
_SHADES = ["grey23", "green4", "green3", "green1", "bright_green"]


def print_stats(console: Console, catalog: Catalog, store: Store, now: datetime, lang: str) -> None:
    reviews = store.reviews()
    rows = topic_stats(catalog, store.cards(), store.suspended(), reviews, now)
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
    per_day = reviews_per_day(reviews)
    today = now.astimezone().date()
    console.print()
    console.print(heatmap(per_day, today))
    days = streak(per_day, today)
    label = f"连续练习 {days} 天" if lang == "zh" else f"streak: {days} day{'s' if days != 1 else ''}"
    console.print(Text(label, style="bold"), Text(f"· {sum(per_day.values())} reviews in all", style="dim"))


def heatmap(per_day: Counter[date], today: date, weeks: int = WEEKS) -> Text:
    """GitHub-style: one column per week, one row per weekday, darker to brighter green by review count."""
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    peak = max((per_day[start + timedelta(d)] for d in range(7 * weeks)), default=0)
    text = Text()
    month_row = "    "
    for week in range(weeks):
        first = start + timedelta(weeks=week)
        month_row += first.strftime("%b")[:2] if first.day <= 7 else "  "
    text.append(month_row.rstrip() + "\n", style="dim")
    for weekday, name in enumerate(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]):
        text.append(f"{name}  ", style="dim")
        for week in range(weeks):
            day = start + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append("  ")
                continue
            count = per_day[day]
            shade = 0 if count == 0 else 1 + min(3, (4 * count - 1) // max(peak, 1))
            text.append("■ ", style=_SHADES[shade])
        text.append("\n")
    text.append("    less ", style="dim")
    for shade in _SHADES:
        text.append("■ ", style=shade)
    text.append("more", style="dim")
    return text
