"""Exercises in the terminal: the checks table, hints, the reference solution, the exercise list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.bank.question import CodeQuestion
from quizdl.detail import shown
from quizdl.ui.browse import title
from quizdl.ui.labels import say
from quizdl.ui.tables import Column, print_table
from quizdl.ui.text import python_code, rich_text

if TYPE_CHECKING:
    from quizdl.grader.judge import Report  # the judge imports numpy: only for type checkers here


def print_report(console: Console, report: Report, lang: str = "en", exercise: CodeQuestion | None = None) -> None:
    console.print(report_view(report, lang, exercise=exercise))


def report_view(report: Report, lang: str = "en", *, exercise: CodeQuestion | None = None,
                failures_first: bool = False) -> Group:
    """The checks table, the program's output and the verdict line. `failures_first` is for a screen redrawn
    in place, whose bottom a short terminal cuts (watch mode): the verdict line on top, then failed checks.
    A check's name is in `lang` when the exercise's YAML gives one (`zh:`); a failed check's detail is the
    grader's diagnosis worded in `lang` (quizdl/detail.py), with the values that differ as they are."""
    names = {say(f"grade.{key}", "en"): say(f"grade.{key}", lang) for key in ("import_check", "forbid_check")}
    names.update({c.name: c.zh for c in (exercise.checks if exercise else []) if c.zh and lang == "zh"})
    table = Table(show_lines=False, expand=True, title_justify="left",
                  title=say("grade.title", lang, exercise=report.exercise, seconds=report.seconds))
    table.add_column("", width=1)
    table.add_column(say("col.check", lang), overflow="fold", ratio=2)
    table.add_column(say("col.detail", lang), overflow="fold", ratio=5)
    checks = sorted(report.checks, key=lambda c: c.passed) if failures_first else report.checks
    for check in checks:
        mark = Text("✔", style="green") if check.passed else Text("✘", style="bold red")
        detail = str(shown(check.detail, lang)) if not check.passed or lang == "en" else say("grade.passed", lang)
        table.add_row(mark, Text(names.get(check.name, check.name)), Text(detail, style="" if check.passed else "red"))
    parts: list[RenderableType] = [table]
    output = "\n".join(part for part in (report.stdout.strip(), report.stderr.strip()) if part)
    if output:
        parts.append(Panel(Text(output), title=say("grade.output", lang), title_align="left", border_style="dim",
                           expand=False))
    if report.isolation != "full":
        parts.append(Text(say("grade.reduced", lang), style="yellow"))
    verdict = _verdict_line(report, lang)
    return Group(verdict, *parts) if failures_first else Group(*parts, verdict)


def _verdict_line(report: Report, lang: str) -> Text:
    passed = sum(c.passed for c in report.checks)
    if report.passed:
        return Text(say("grade.all_pass", lang, n=passed), style="bold green")
    return Text.assemble(
        (say("grade.some_fail", lang, failed=len(report.checks) - passed, total=len(report.checks)), "bold red"),
        " ", (say("grade.seed", lang, seed=report.seed), "dim"))


def print_exercises(console: Console, catalog: Catalog, exercises: list[CodeQuestion], lang: str) -> None:
    columns = [Column(say("col.id", lang)), Column(say("col.topic", lang), optional=True),
               Column(say("col.difficulty", lang)), Column(say("col.framework", lang)),
               Column(say("col.title", lang), grows=True, wraps=False)]
    rows = [[e.id, e.topic or "", say(f"difficulty_{e.difficulty}", lang), e.framework,
             title(e, lang, limit=None)]
            for e in exercises]
    print_table(console, columns, rows)
    console.print(Text(say("exercise.footer", lang), style="dim"))


def print_exercise(console: Console, exercise: CodeQuestion, lang: str) -> None:
    console.print(Panel(rich_text(exercise.prompt.get(lang)), title=exercise.id, title_align="left",
                        border_style="cyan", expand=False))
    console.print(Panel(Text(exercise.contract_in(lang).rstrip()), title=say("contract", lang), title_align="left", border_style="dim",
                        expand=False))


def print_hints(console: Console, exercise: CodeQuestion, shown: int, lang: str) -> None:
    for number, hint in enumerate(exercise.hints[:shown], start=1):
        label = say("hint.label", lang, n=number, total=len(exercise.hints))
        console.print(Text.assemble((label, "bold yellow"), rich_text(hint.get(lang))))
    if shown >= len(exercise.hints):
        console.print(Text(say("hint.last", lang, id=exercise.id), style="dim"))


def print_solution(console: Console, path: Path) -> None:
    """Highlighted with line numbers in a terminal; the file as it is into a pipe (`> mine.py` is valid Python)."""
    source = path.read_text(encoding="utf-8")
    if console.is_terminal:
        console.print(python_code(source))
    else:
        console.file.write(source)
