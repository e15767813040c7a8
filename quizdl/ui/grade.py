"""Exercises in the terminal: the checks table, hints, the reference solution, the exercise list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
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


_REPORT_LABELS = {
    "en": {
        "check": "check", "detail": "detail", "output": "your program's output",
        "reduced": "Graded with reduced isolation (no sandbox namespaces here): `quizdl doctor` says why.",
        "all_pass": "All {n} checks pass.", "fail": "{failed} of {n} checks fail.",
        "seed": "Inputs drawn with seed {seed}: add --seed {seed} to draw them again.",
    },
    "zh": {
        "check": "检查项", "detail": "详情", "output": "你的程序的输出",
        "reduced": "本次评测隔离不完整（此处无法创建沙箱命名空间）：`quizdl doctor` 说明原因。",
        "all_pass": "全部 {n} 项检查通过。", "fail": "{n} 项检查中有 {failed} 项未通过。",
        "seed": "输入由种子 {seed} 生成：加 --seed {seed} 可重现同样的输入。",
    },
}


def print_report(console: Console, report: Report, lang: str = "en") -> None:
    console.print(report_view(report, lang))


def report_view(report: Report, lang: str = "en", *, failures_first: bool = False) -> Group:
    """The checks table, the program's output and the verdict line. `failures_first` is for a screen redrawn
    in place, whose bottom a short terminal cuts (watch mode): the verdict line on top, then failed checks."""
    t = _REPORT_LABELS[lang]
    table = Table(show_lines=False, expand=True, title=f"{report.exercise}: {report.seconds:.2f} s",
                  title_justify="left")
    table.add_column("", width=1)
    table.add_column(t["check"], overflow="fold", ratio=2)
    table.add_column(t["detail"], overflow="fold", ratio=5)
    checks = sorted(report.checks, key=lambda c: c.passed) if failures_first else report.checks
    for check in checks:
        mark = Text("✔", style="green") if check.passed else Text("✘", style="bold red")
        table.add_row(mark, Text(check.name), Text(check.detail, style="" if check.passed else "red"))
    parts: list[RenderableType] = [table]
    output = "\n".join(part for part in (report.stdout.strip(), report.stderr.strip()) if part)
    if output:
        parts.append(Panel(Text(output), title=t["output"], title_align="left", border_style="dim", expand=False))
    if report.isolation != "full":
        parts.append(Text(t["reduced"], style="yellow"))
    verdict = _verdict_line(report, t)
    return Group(verdict, *parts) if failures_first else Group(*parts, verdict)


def _verdict_line(report: Report, t: dict[str, str]) -> Text:
    passed = sum(c.passed for c in report.checks)
    if report.passed:
        return Text(t["all_pass"].format(n=passed), style="bold green")
    return Text.assemble((t["fail"].format(failed=len(report.checks) - passed, n=len(report.checks)), "bold red"),
                         " ", (t["seed"].format(seed=report.seed), "dim"))


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
