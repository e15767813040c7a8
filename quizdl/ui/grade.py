"""Exercises in the terminal: the checks table, hints, the reference solution, the exercise list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.bank.schema import CodeQuestion
from quizdl.ui.browse import title
from quizdl.ui.text import rich_text

if TYPE_CHECKING:
    from quizdl.grader.judge import Report  # the judge imports numpy: only for type checkers here


def print_report(console: Console, report: Report) -> None:
    table = Table(show_lines=False, expand=True, title=f"{report.exercise}: {report.seconds:.2f} s",
                  title_justify="left")
    table.add_column("", width=1)
    table.add_column("check", overflow="fold", ratio=2)
    table.add_column("detail", overflow="fold", ratio=5)
    for check in report.checks:
        mark = Text("✔", style="green") if check.passed else Text("✘", style="bold red")
        table.add_row(mark, Text(check.name), Text(check.detail, style="" if check.passed else "red"))
    console.print(table)
    output = "\n".join(part for part in (report.stdout.strip(), report.stderr.strip()) if part)
    if output:
        console.print(Panel(Text(output), title="your program's output", title_align="left", border_style="dim",
                            expand=False))
    if report.isolation != "full":
        console.print("[yellow]Graded with reduced isolation (no sandbox namespaces here): `quizdl doctor` says why.[/]")
    passed = sum(c.passed for c in report.checks)
    if report.passed:
        console.print(f"[bold green]All {passed} checks pass.[/]")
    else:
        console.print(f"[bold red]{len(report.checks) - passed} of {len(report.checks)} checks fail.[/] "
                      f"[dim]Inputs drawn with seed {report.seed}: add --seed {report.seed} to draw them again.[/]")


def print_exercises(console: Console, catalog: Catalog, exercises: list[CodeQuestion], lang: str) -> None:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "topic", "difficulty", "framework", "title"):
        table.add_column(column, no_wrap=column != "title", overflow="ellipsis")
    for exercise in exercises:
        table.add_row(exercise.id, catalog.topic_title(exercise.topic or "", lang), exercise.difficulty.value,
                      exercise.framework, title(exercise, lang))
    console.print(table)
    console.print("[dim]quizdl exercise start ID writes the starter file; quizdl grade ID FILE checks it.[/]")


def print_exercise(console: Console, exercise: CodeQuestion, lang: str) -> None:
    console.print(Panel(rich_text(exercise.prompt.get(lang)), title=exercise.id, title_align="left",
                        border_style="cyan", expand=False))
    console.print(Panel(Text(exercise.contract.rstrip()), title="contract", title_align="left", border_style="dim",
                        expand=False))


def print_hints(console: Console, exercise: CodeQuestion, shown: int, lang: str) -> None:
    for number, hint in enumerate(exercise.hints[:shown], start=1):
        console.print(Text.assemble((f"hint {number}/{len(exercise.hints)}: ", "bold yellow"), rich_text(hint.get(lang))))
    if shown >= len(exercise.hints):
        console.print(f"[dim]That was the last hint; `quizdl solution {exercise.id}` shows the reference.[/]")


def print_solution(console: Console, path: Path) -> None:
    """Highlighted with line numbers in a terminal; the file as it is into a pipe (`> mine.py` is valid Python)."""
    source = path.read_text(encoding="utf-8")
    if console.is_terminal:
        console.print(Syntax(source, "python", line_numbers=True, word_wrap=True))
    else:
        console.file.write(source)
