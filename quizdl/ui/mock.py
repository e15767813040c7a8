"""The terminal side of `quizdl mock`: the questions against the clock, the check at the end, the report.

The time left is shown above every question and in every prompt; nothing says
right or wrong until the last question is done or the time is up. Ctrl-C or q
ends the questions early and still leads to the check and the report.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.bank.question import CodeQuestion
from quizdl.errors import QuizdlError
from quizdl.practice.mock import Mock, MockReport, sparkline
from quizdl.quiz.check import InvalidAnswer
from quizdl.quiz.instance import LETTERS, Instance
from quizdl.ui import explain
from quizdl.ui.labels import LABELS, MOCK_LABELS
from quizdl.ui.practice import edit_file, invalid_message
from quizdl.ui.text import plain, rich_text

Ask = Callable[[str], str]
_BAR = 20


class _End(Exception):
    """The learner ended the questions early."""


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class MockUI:
    def __init__(self, mock: Mock, catalog: Catalog, console: Console, ask: Ask | None = None,
                 workspace: Path = Path("quizdl-workspace")) -> None:
        self.mock = mock
        self.catalog = catalog
        self.console = console
        self.ask = ask or (lambda prompt: console.input(prompt, emoji=False))
        self.workspace = workspace / "mock"
        self.lang = mock.session.lang
        self.t = {**LABELS[self.lang], **MOCK_LABELS[self.lang]}

    def run(self) -> MockReport:
        """Ask every question (or until the time is up or the learner ends it), check, and return the report."""
        counts = {s: sum(i.section == s for i in self.mock.items) for s in ("concept", "explain", "exercise")}
        self.console.print(Text(self.t["intro"].format(minutes=self.mock.minutes, count=len(self.mock.items),
                                                       **counts), style="bold"))
        self.console.print(f"[dim]{self.t['keys']}[/]")
        try:
            for index in range(len(self.mock.items)):
                if self.mock.time_left() <= 0:
                    self.mock.timed_out = True
                    self.console.print(f"[bold yellow]{self.t['time_up']}[/]")
                    break
                self._question(index)
        except (_End, KeyboardInterrupt, EOFError):
            self.console.print()
        self._check()
        return self.mock.report()

    def _prompt(self) -> str:
        return f"⏱ {clock_text(self.mock.time_left())} {explain.PROMPT}"

    def _question(self, index: int) -> None:
        item, instance = self.mock.items[index], self.mock.instances[index]
        self.console.print()
        self.console.print(Text.assemble(
            (f"⏱ {self.t['left'].format(clock=clock_text(self.mock.time_left()))}", "bold yellow"),
            (f"  {index + 1}/{len(self.mock.items)} · {self.t['section_' + item.section]} · "
             f"{self.catalog.topic_title(item.topic, self.lang)}", "dim")))
        self.console.print(Panel(rich_text(instance.prompt), border_style="cyan", expand=False))
        self.mock.begin()
        if item.section == "explain":
            self._explain(index)
        elif item.section == "exercise":
            self._exercise(index, instance)
        else:
            self._concept(index, instance)

    def _leave(self, index: int, command: str) -> bool:
        if command == "q":
            self.mock.skip(index)
            raise _End
        if command == "s":
            self.mock.skip(index)
            return True
        return False

    def _concept(self, index: int, instance: Instance) -> None:
        if instance.options:
            options = Table.grid(padding=(0, 1))
            for number, (_key, text) in enumerate(instance.options):
                options.add_row(Text(f" {LETTERS[number]}."), rich_text(text))
            self.console.print(options)
        hint = self.t["number_hint"] if not instance.options else (
            self.t["choose_all"] if len(instance.right_letters) > 1 else "")
        if hint:
            self.console.print(f"[dim]{hint}[/]")
        while True:
            response = self.ask(self._prompt()).strip()
            if self._leave(index, response.lower()):
                return
            try:
                self.mock.answer(index, response)
                return
            except InvalidAnswer as error:  # unreadable, not wrong: no verdict is given away
                self.console.print(Text(invalid_message(instance, error, self.lang), style="yellow"))

    def _explain(self, index: int) -> None:
        self.console.print(f"[dim]{self.t['explain_how']}[/]")
        while not (first := self.ask(self._prompt())).strip():
            self.console.print(f"[yellow]{self.t['explain_empty']}[/]")
        if self._leave(index, first.strip().lower()):
            return
        self.mock.typed(index, explain.read_answer(self.ask, first))

    def _exercise(self, index: int, instance: Instance) -> None:
        from quizdl.grader.workspace import write_stub

        question = instance.question
        assert isinstance(question, CodeQuestion)
        self.console.print(Panel(Text(question.contract_in(self.lang).rstrip()), title=self.t["contract"], title_align="left",
                                 border_style="dim", expand=False))
        path = write_stub(question, self.workspace, force=True)  # a mock starts from the stub, always
        while True:
            choice = self.ask(f"[dim]{self.t['exercise_how'].format(path=path)}[/]\n{self._prompt()}").strip().lower()
            if self._leave(index, choice):
                return
            if choice == "e":
                edit_file(self.console, path, self.lang)
            elif choice == "":
                self.mock.submitted(index, str(path))
                return

    # the check at the end --------------------------------------------------

    def _check(self) -> None:
        """Tick the key points of each explain answer, grade each exercise handed in; each becomes a review."""
        items = [(i, item) for i, item in enumerate(self.mock.items) if not item.skipped and item.rating is None]
        if not items:
            return
        self.console.print()
        self.console.print(Text(self.t["checking"], style="bold"))
        try:
            for index, item in items:
                if item.section == "explain":
                    self._check_explain(index)
                else:
                    self._grade(index)
        except (KeyboardInterrupt, EOFError):  # what is left stays unchecked: no review is made up for it
            self.console.print()

    def _check_explain(self, index: int) -> None:
        item, instance = self.mock.items[index], self.mock.instances[index]
        self.console.print()
        self.console.print(Panel(rich_text(instance.prompt), border_style="cyan", expand=False))
        self.console.print(Panel(Text(item.response or ""), title=self.t["your_answer"], title_align="left",
                                 expand=False))
        explain.show_model_answer(self.console, instance, self.t)
        ticked = explain.tick_points(self.console, self.ask, instance, self.t)
        suggested = explain.suggest(self.console, ticked, len(instance.points), self.t)
        while (rating := explain.chosen_rating(self.ask(f"[dim]{self.t['rate_mock']}[/]\n› ").strip(),
                                               suggested)) is None:
            pass
        self.mock.judge_explain(index, ticked, rating)

    def _grade(self, index: int) -> None:
        from quizdl.grader.judge import grade

        item, question = self.mock.items[index], self.mock.instances[index].question
        assert isinstance(question, CodeQuestion) and item.response
        try:
            with self.console.status(self.t["grading"].format(id=question.id)):
                report = grade(question, Path(item.response))
        except QuizdlError as error:
            self.console.print(f"[yellow]{error}[/]")
            self.mock.judge_exercise(index, False, 0, len(question.checks))
            return
        self.mock.judge_exercise(index, report.passed, sum(c.passed for c in report.checks), len(report.checks))


# the report ----------------------------------------------------------------

def _started(report: MockReport) -> str:
    return datetime.fromisoformat(report.started_at).astimezone().strftime("%Y-%m-%d %H:%M")


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def _bar(share: float, width: int = _BAR) -> Text:
    filled = round(width * share)
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


def _outcome(item, t: dict[str, str]) -> str:
    if item.skipped:
        return t["skipped"]
    if item.rating is None:
        return t["not_judged"]
    return f"{item.detail} · {_percent(item.score)}"


def print_report(console: Console, report: MockReport, catalog: Catalog) -> None:
    t = {**LABELS[report.lang], **MOCK_LABELS[report.lang]}
    console.print()
    console.print(Text.assemble((f"{t['report']} · {_started(report)} · ", "bold"),
                                (f"{t['score']} {_percent(report.score)}", "bold green"),
                                (f" · {t['used'].format(used=round(report.seconds_used / 60), minutes=report.minutes)}",
                                 "dim")))
    for title, scores, name in ((t["section"], report.section_scores(), lambda s: t["section_" + s]),
                                (t["topic"], report.topic_scores(), lambda s: catalog.topic_title(s, report.lang))):
        table = Table(title_justify="left")
        table.add_column(title)
        table.add_column(t["questions"], justify="right")
        table.add_column(t["score"], justify="right")
        table.add_column("")
        for score in scores:
            table.add_row(name(score.name), str(score.count), _percent(score.share), _bar(score.share))
        console.print(table)
    for number, item in enumerate(report.items, 1):  # each answer beside its model answer
        console.print(Text.assemble(
            (f"{number}. ", "bold"), (f"{t['section_' + item.section]} · {catalog.topic_title(item.topic, report.lang)}"
                                      f" · {t['time']} {clock_text(item.seconds)} · ", "dim"),
            (_outcome(item, t), "bold red" if item.score == 0 else "bold green" if item.score == 1 else "bold yellow")))
        console.print(rich_text(item.prompt))
        pair = Table(expand=True, box=box.SIMPLE_HEAD, pad_edge=False)
        pair.add_column(t["your_answer"], ratio=1, overflow="fold")
        pair.add_column(t["model_answer"], ratio=1, overflow="fold")
        pair.add_row(Text(item.response or "—"), rich_text(item.model_answer))
        console.print(pair)
    console.print(Text(t["weakest"], style="bold"))
    for topic in report.weakest():
        console.print(Text.assemble(f"  {catalog.topic_title(topic, report.lang)}{t['colon']}",
                                    (f"quizdl practice --topic {topic}", "bold cyan")))


def report_markdown(report: MockReport, catalog: Catalog) -> str:
    """The report as a Markdown file: the same tables, every answer next to its model answer."""
    t = {**LABELS[report.lang], **MOCK_LABELS[report.lang]}

    def cell(text: str) -> str:
        return plain(text).replace("|", "\\|")

    lines = [f"# {t['report']} · {_started(report)}", "",
             f"**{t['score']}: {_percent(report.score)}** · "
             f"{t['used'].format(used=round(report.seconds_used / 60), minutes=report.minutes)}", ""]
    for title, scores, name in ((t["section"], report.section_scores(), lambda s: t["section_" + s]),
                                (t["topic"], report.topic_scores(), lambda s: catalog.topic_title(s, report.lang))):
        lines += [f"| {title} | {t['questions']} | {t['score']} |", "|---|---:|---:|"]
        lines += [f"| {cell(name(s.name))} | {s.count} | {_percent(s.share)} |" for s in scores]
        lines.append("")
    lines += [f"| # | {t['question']} | {t['time']} | {t['score']} | {t['your_answer']} | {t['model_answer']} |",
              "|---:|---|---:|---|---|---|"]
    for number, item in enumerate(report.items, 1):
        lines.append(f"| {number} | {cell(item.prompt)} | {clock_text(item.seconds)} | {_outcome(item, t)} | "
                     f"{cell(item.response or '—')} | {cell(item.model_answer)} |")
    lines += ["", f"## {t['weakest']}", ""]
    lines += [f"- {catalog.topic_title(topic, report.lang)}{t['colon']}`quizdl practice --topic {topic}`"
              for topic in report.weakest()]
    return "\n".join(lines) + "\n"


def print_history(console: Console, mocks: list[tuple[float, MockReport]], lang: str) -> None:
    """`quizdl mock --history`: the scores (as kept with each report) as a sparkline, then one bar per mock."""
    t = {**LABELS[lang], **MOCK_LABELS[lang]}
    if not mocks:
        console.print(t["no_history"])
        return
    scores = [score for score, _ in mocks]
    console.print(Text.assemble((f"{t['history']} · {t['trend']} ", "bold"), (sparkline(scores), "bold green"),
                                (f"  {_percent(scores[0])} → {_percent(scores[-1])}", "bold")))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(t["date"], no_wrap=True)
    table.add_column(t["score"], justify="right")
    table.add_column("")
    table.add_column(t["questions"], justify="right")
    table.add_column(t["minutes"], justify="right")
    for score, report in mocks:
        table.add_row(_started(report), _percent(score), _bar(score), str(len(report.items)), str(report.minutes))
    console.print(table)
