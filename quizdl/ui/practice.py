"""The terminal side of `quizdl practice`: show, read, give feedback; the Session does the rest.

Input is read line by line, so the same code works in a terminal and with
piped stdin. Ctrl-C and end of input end the session with its summary; every
rating was already saved by the Session when it was given.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizdl.bank.question import CodeQuestion, ExplainQuestion, FlashcardQuestion
from quizdl.errors import QuizdlError
from quizdl.grader.workspace import DEFAULT as DEFAULT_WORKSPACE
from quizdl.grader.workspace import write_stub
from quizdl.practice.session import Answered, Session
from quizdl.progress.schedule import Rating
from quizdl.quiz.check import InvalidAnswer
from quizdl.quiz.instance import LETTERS, Instance
from quizdl.ui import explain
from quizdl.ui.grade import print_hints, print_report
from quizdl.ui.labels import LABELS, say
from quizdl.ui.text import python_code, rich_text, when

Ask = Callable[[str], str]
_BAR_WIDTH = 20
"""The progress bar's cells; half as many under 80 columns, so the header stays on one line."""


class _Quit(Exception):
    """The learner asked to end the session."""


class PracticeUI:
    def __init__(self, session: Session, console: Console, ask: Ask | None = None,
                 workspace: Path = DEFAULT_WORKSPACE, why_empty: tuple[str, datetime | None] | None = None) -> None:
        self.why_empty = why_empty
        self.session = session
        self.console = console
        self.ask = ask or (lambda prompt: console.input(prompt, emoji=False))
        self.workspace = workspace
        self.t = LABELS[session.lang]

    def run(self) -> None:
        """Ask until the queue is empty or the learner quits; always end with the summary."""
        if not self.session.queue:
            reason, due = self.why_empty or ("", None)
            why = self.t.get(f"empty_{reason}", "").format(
                date=when(due, self.session.clock(), self.session.lang) if due else "")
            self.console.print(f"[bold]{self.t['empty']}[/]" + (f"{self.t['colon']}{why}" if why else ""))
        try:
            while (instance := self._next()) is not None:
                self._question(instance)
        except (_Quit, KeyboardInterrupt, EOFError):
            self.console.print()
        self.summary()

    def _next(self) -> Instance | None:
        instance = self.session.next()
        while self.session.skipped:
            self.console.print(f"[yellow]{self.t['skipped']}{self.t['colon']}{self.session.skipped.pop(0)}[/]")
        return instance

    # one question ----------------------------------------------------------

    def _question(self, instance: Instance) -> None:
        self._header(instance)
        self.console.print(Panel(rich_text(instance.prompt), border_style="cyan", expand=False))
        if instance.options:
            options = Table.grid(padding=(0, 1))  # a long option wraps under its own text, not the letter
            for index, (_key, text) in enumerate(instance.options):
                options.add_row(Text(f" {LETTERS[index]}."), rich_text(text))
            self.console.print(options)
        started = time.monotonic()
        if isinstance(instance.question, FlashcardQuestion):
            self._flashcard(instance, started)
        elif isinstance(instance.question, CodeQuestion):
            self._exercise(instance, started)
        elif isinstance(instance.question, ExplainQuestion):
            self._explain(instance, started)
        else:
            self._checked(instance, started)

    def _checked(self, instance: Instance, started: float) -> None:
        hint = self.t["number_hint"] if not instance.options else (
            self.t["choose_all"] if len(instance.right_letters) > 1 else "")
        self.console.print(f"[dim]{' · '.join(filter(None, [hint, self.t['answer_keys']]))}[/]")
        while True:
            response = self.ask("› ").strip()
            command = response.lower()
            if self._leaves(command, instance):
                return
            duration = _ms_since(started)
            if command == "?":
                answered = self.session.give_up(instance, duration)
                self._feedback(instance, answered, None)
                break
            try:
                verdict, answered = self.session.answer(instance, response, duration)
            except InvalidAnswer as error:
                self.console.print(Text(self._invalid(instance, error), style="yellow"))
                continue
            self._feedback(instance, answered, verdict.mistake)
            break
        self._after(answered)

    def _leaves(self, command: str, instance: Instance) -> bool:
        """q, u and s at a question's prompt: quit, undo the previous rating, or skip; True when handled."""
        if command == "q":
            raise _Quit
        if command == "u":
            self._undo_before(instance)
            return True
        return command == "s"

    def _invalid(self, instance: Instance, error: InvalidAnswer) -> str:
        return invalid_message(instance, error, self.session.lang)

    def _flashcard(self, instance: Instance, started: float) -> None:
        self.console.print(f"[dim]{self.t['recall']} ({self.t['answer_keys']})[/]")
        if self._leaves(self.ask("› ").strip().lower(), instance):
            return
        duration = _ms_since(started)
        self._reveal(instance)
        while True:
            choice = self.ask(f"[dim]{self.t['rate']}[/]\n› ").strip().lower()
            if choice in ("", "1", "2", "3", "4"):
                answered = self.session.rate(instance, Rating(int(choice or 3)), duration)
                if answered.repeated:
                    self.console.print(f"[dim]{self.t['again_later']}[/]")
                return
            if self._common_command(choice, instance, None):
                return

    def _explain(self, instance: Instance, started: float) -> None:
        """Type an answer, see the model answer, tick the points covered; the share suggests the rating."""
        self.console.print(f"[dim]{self.t['explain_how']}[/]")
        while True:
            first = self.ask(explain.PROMPT)
            if self._leaves(first.strip().lower(), instance):
                return
            if first.strip() == "?":
                typed = ""
                break
            if first.strip():
                typed = explain.read_answer(self.ask, first)
                break
            self.console.print(f"[yellow]{self.t['explain_empty']}[/]")
        duration = _ms_since(started)
        explain.show_model_answer(self.console, instance, self.t)
        ticked = explain.tick_points(self.console, self.ask, instance, self.t)
        suggested = explain.suggest(self.console, ticked, len(instance.points), self.t)
        while True:
            choice = self.ask(f"[dim]{self.t['rate_explain']}[/]\n› ").strip().lower()
            if (rating := explain.chosen_rating(choice, suggested)) is not None:
                answered = self.session.explain(instance, typed, ticked, rating, duration)
                if answered.repeated:
                    self.console.print(f"[dim]{self.t['again_later']}[/]")
                return
            if self._common_command(choice, instance, None):
                return

    def _exercise(self, instance: Instance, started: float) -> None:
        """Write the stub, let the learner edit, grade on Enter until it passes or they give up."""
        question = instance.question
        assert isinstance(question, CodeQuestion)
        self.console.print(Panel(Text(question.contract_in(self.session.lang).rstrip()), title=self.t["contract"], title_align="left",
                                 border_style="dim", expand=False))
        path = self.workspace / question.file
        if path.exists():
            self.console.print(self.t["kept"].format(path=path))
        else:
            write_stub(question, self.workspace)
            self.console.print(self.t["starter"].format(path=path))
        attempts = hints = 0
        while True:
            choice = self.ask(f"[dim]{self.t['code_keys']}[/]\n› ").strip().lower()
            if self._leaves(choice, instance):
                return
            if choice == "e":
                self._edit(path)
            elif choice == "h":
                hints += 1  # taken in this attempt: a pass after a hint is Hard
                shown = self.session.store.show_hint(question.id, len(question.hints))  # the one counter, as `hint`
                print_hints(self.console, question, shown, self.session.lang)
            elif choice in ("v", "?"):
                answered = self.session.finish_exercise(instance, False, attempts, hints, _ms_since(started))
                self._reveal(instance)
                self._after(answered)
                return
            elif choice == "":
                attempts += 1
                if self._grade(question, path):
                    answered = self.session.finish_exercise(instance, True, attempts, hints, _ms_since(started))
                    rating = self.t[f"rating_{answered.rating.value}"]
                    self.console.print(Text(self.t["passed"].format(rating=rating), style="bold green"))
                    self._after_pass(instance, answered)
                    return

    def _grade(self, question: CodeQuestion, path: Path) -> bool:
        from quizdl.grader.judge import grade

        try:
            with self.console.status(self.t["grading"]):
                report = grade(question, path)
        except QuizdlError as error:
            self.console.print(f"[yellow]{error}[/]")
            return False
        except KeyboardInterrupt:  # a slow grade: the sandbox is gone; back to the exercise's menu
            self.console.print(f"[yellow]{self.t['grade_cancelled']}[/]")
            return False
        print_report(self.console, report, self.session.lang, question)
        return report.passed

    def _after_pass(self, instance: Instance, answered: Answered) -> None:
        while True:
            choice = self.ask(f"[dim]{self.t['passed_keys']}[/]\n› ").strip().lower()
            if choice == "":
                return
            if choice == "v":
                self._reveal(instance)
            elif self._common_command(choice, instance, answered):
                return

    def _edit(self, path: Path) -> None:
        edit_file(self.console, path, self.session.lang)

    def _feedback(self, instance: Instance, answered: Answered, mistake: str | None) -> None:
        if answered.correct:
            self.console.print(f"[bold green]✔ {self.t['correct']}[/]  {self.t['answer']}{self.t['colon']}", rich_text(instance.answer_text))
        else:
            self.console.print(f"[bold red]✘ {self.t['wrong']}[/]  {self.t['answer']}{self.t['colon']}", rich_text(instance.answer_text))
        if mistake:
            self.console.print(Text.assemble((f"{self.t['mistake']}{self.t['colon']}", "bold yellow"), rich_text(mistake)))
        self.console.print(Panel(rich_text(instance.explanation), title=self.t["why"], title_align="left",
                                 border_style="dim", expand=False))
        if answered.repeated:
            self.console.print(f"[dim]{self.t['again_later']}[/]")

    def _reveal(self, instance: Instance) -> None:
        if isinstance(instance.question, CodeQuestion):
            answer: Any = python_code(instance.answer_text)
            title = self.t["solution"]
        else:
            answer, title = rich_text(instance.answer_text), self.t["answer"]
        self.console.print(Panel(Group(answer, Text(), rich_text(instance.explanation)),
                                 title=title, title_align="left", border_style="green", expand=False))

    def _after(self, answered: Answered) -> None:
        can_override = answered.correct is False and not isinstance(answered.instance.question, CodeQuestion)
        keys = self.t["after_wrong"] if can_override else self.t["after"]
        while True:
            choice = self.ask(f"[dim]{keys}[/]\n› ").strip().lower()
            if choice == "":
                return
            if choice == "r" and can_override:
                self.session.override()
                self.console.print(f"[green]{self.t['overridden']}[/]")
                return
            if self._common_command(choice, answered.instance, answered):
                return

    def _common_command(self, choice: str, instance: Instance, answered: Answered | None) -> bool:
        """u, x and q after an answer; True when the question is finished with."""
        if choice == "q":
            raise _Quit
        if choice == "u":
            if answered is not None:
                self.session.undo()
                self.console.print(f"[yellow]{self.t['undone']}[/]")
            else:
                self._undo_before(instance)
            return True
        if choice == "x":
            self.session.suspend(instance.question.id)
            self.console.print(f"[yellow]{self.t['suspended'].format(id=instance.question.id)}[/]")
            return True
        return False

    def _undo_before(self, current: Instance) -> None:
        """Undo at a question's prompt: take back the previous rating and ask that question again."""
        if not self.session.can_undo():
            self.console.print(f"[yellow]{self.t['nothing_to_undo']}[/]")
            self.session.queue.appendleft(current.question.id)
            return
        self.session.queue.appendleft(current.question.id)
        self.session.undo()
        self.console.print(f"[yellow]{self.t['undone']}[/]")

    # framing ---------------------------------------------------------------

    def _header(self, instance: Instance) -> None:
        session = self.session
        done = len(session.history)
        question = instance.question
        status = self.t["repeat"] if question.id in {a.instance.question.id for a in session.history} else (
            self.t["review"] if session.store.card(question.id) else self.t["new"])
        total = session.total + 1
        bar = _BAR_WIDTH if self.console.width >= 80 else _BAR_WIDTH // 2
        filled = round(bar * done / total)
        self.console.print()
        self.console.print(Text.assemble(
            (f"{done + 1}/{total} ", "bold"),
            ("█" * filled, "green"),
            ("░" * (bar - filled), "dim"),
            (f" {session.catalog.topic_title(question.topic or '', session.lang)} · {self.t['kind_' + question.kind]}"
             f" · {self.t['difficulty_' + question.difficulty]} · {status}", "dim"),
        ))

    def summary(self) -> None:
        scores = self.session.scores()
        if not scores:
            self.console.print(f"[dim]{self.t['none_answered']}[/]")
            return
        table = Table(title=self.t["summary"], title_justify="left")
        table.add_column(self.t["topic"])
        table.add_column(self.t["answered"], justify="right")
        table.add_column(self.t["right"], justify="right")
        table.add_column("%", justify="right")
        for score in scores:
            table.add_row(self.session.catalog.topic_title(score.topic, self.session.lang), str(score.answered),
                          str(score.recalled), f"{100 * score.recalled / score.answered:.0f}")
        total = sum(s.answered for s in scores)
        right = sum(s.recalled for s in scores)
        table.add_row("[bold]Σ[/]", f"[bold]{total}[/]", f"[bold]{right}[/]", f"[bold]{100 * right / total:.0f}[/]")
        self.console.print(table)
        due = self.session.next_due()
        if due is not None:
            self.console.print(f"{self.t['next_due']}{self.t['colon']}{when(due, self.session.clock(), self.session.lang)}")


def invalid_message(instance: Instance, error: InvalidAnswer, lang: str) -> str:
    """Why a typed answer cannot be read, in the learner's language, with examples of what works."""
    if instance.options:
        return say("invalid_letters", lang, last=LETTERS[len(instance.options) - 1])
    # in English quiz.numbers words it (the catalogue's number.* texts, with every field filled)
    why = str(error) if lang == "en" else say(f"number.{error.key}", lang, raw=error.raw)
    return why + say("number_examples", lang)


def edit_file(console: Console, path: Path, lang: str) -> None:
    """Open `path` in $VISUAL or $EDITOR, and wait for it; without one, say where to edit the file."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        console.print(f"[yellow]{LABELS[lang]['no_editor'].format(path=path)}[/]")
        return
    try:
        subprocess.call([*shlex.split(editor), str(path)])
    except OSError as error:
        console.print(f"[yellow]{editor}: {error}[/]")


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)

