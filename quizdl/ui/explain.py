"""The screens of an explain question: a multi-line answer, then the model answer as a checklist to tick.

Shared by `quizdl practice` (ticked at once) and `quizdl mock` (ticked at the
end, since a mock gives no feedback until then). Input is read line by line, so
piped stdin works as a terminal does; Ctrl-D ends the answer, not the session.
"""

from __future__ import annotations

from typing import Callable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizdl.practice.explain import rating_for, toggle
from quizdl.progress.schedule import Rating
from quizdl.quiz.instance import Instance
from quizdl.ui.text import rich_text

Ask = Callable[[str], str]
PROMPT, MORE = "› ", "… "


def read_answer(ask: Ask, first_line: str) -> str:
    """The lines after `first_line` up to an empty line or end of input, joined; trailing blank lines dropped."""
    lines = [first_line]
    while lines[-1].strip():
        try:
            lines.append(ask(MORE))
        except EOFError:
            break
    return "\n".join(lines).strip()


def show_model_answer(console: Console, instance: Instance, t: dict[str, str]) -> None:
    console.print(Panel(rich_text(instance.explanation), title=t["model_answer"], title_align="left",
                        border_style="green", expand=False))


def print_checklist(console: Console, instance: Instance, ticked: set[int], t: dict[str, str]) -> None:
    rows = Table.grid(padding=(0, 1))
    for number, point in enumerate(instance.points, 1):
        mark = Text("[x]", style="bold green") if number in ticked else Text("[ ]", style="dim")
        rows.add_row(mark, Text(f"{number}."), rich_text(point))
    console.print(Panel(Group(rows), title=t["points"], title_align="left", border_style="cyan", expand=False))


def tick_points(console: Console, ask: Ask, instance: Instance, t: dict[str, str]) -> set[int]:
    """Let the learner tick the points they covered, one number each, until an empty line confirms."""
    ticked: set[int] = set()
    total = len(instance.points)
    print_checklist(console, instance, ticked, t)
    console.print(f"[dim]{t['tick_how']}[/]")
    while keys := "".join(ask(PROMPT).split()):
        try:
            ticked = toggle(ticked, keys, total)
        except ValueError:
            console.print(Text(t["tick_bad"].format(count=total), style="yellow"))
            continue
        print_checklist(console, instance, ticked, t)
    return ticked


def suggest(console: Console, ticked: set[int], total: int, t: dict[str, str]) -> Rating:
    rating = rating_for(len(ticked), total)
    console.print(Text(t["covered"].format(covered=len(ticked), total=total, rating=t[f"rating_{int(rating)}"]),
                       style="bold"))
    return rating


def chosen_rating(choice: str, suggested: Rating) -> Rating | None:
    """Enter keeps the suggested rating, 1-4 override it; None for anything else (a command)."""
    if choice == "":
        return suggested
    return Rating(int(choice)) if choice in ("1", "2", "3", "4") else None
