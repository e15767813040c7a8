"""`quizdl exercise watch`: the check list of an exercise, redrawn in place after every save.

In a terminal the verdict replaces the previous one (rich Live); into a pipe
each verdict is printed after the last. The first pass is recorded through the
practice Session, so it is rated exactly as a pass in `quizdl practice` is.
Ctrl-C, while waiting or while grading, ends the watch with one line.
"""

from __future__ import annotations

import random
import time
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.text import Text

from quizdl.bank.question import CodeQuestion
from quizdl.grader.watch import Changes, Verdict, verdicts
from quizdl.practice.session import Answered, Session
from quizdl.quiz.instance import make_instance
from quizdl.ui.grade import report_view
from quizdl.ui.labels import say

if TYPE_CHECKING:
    from quizdl.grader.judge import Report

class WatchUI:
    def __init__(self, console: Console, session: Session, exercise: CodeQuestion, path: Path,
                 grade: Callable[[Path], Report], *, starter_written: bool = False) -> None:
        self.starter_written = starter_written
        self.console = console
        self.session = session
        self.exercise = exercise
        self.path = path
        self.grade = grade
        self.lang = session.lang
        self.recorded: Answered | None = None

    def run(self, changes: Changes) -> None:
        """Show a verdict for the file now and after each save, until Ctrl-C or the end of `changes`."""
        started = time.monotonic()
        hints_before = self.session.store.hints_shown(self.exercise.id)
        if self.starter_written:
            self.console.print(say("starter", self.lang, path=self.path))
        self.console.print(Text(say("watch.watching", self.lang, path=self.path, id=self.exercise.id), style="bold"))
        live = Live(console=self.console, auto_refresh=False) if self.console.is_terminal else None
        try:
            with live or nullcontext():
                for verdict in verdicts(self.path, changes, self.grade):
                    if verdict.first_pass:
                        hints = self.session.store.hints_shown(self.exercise.id) - hints_before
                        self._record(verdict, hints, int((time.monotonic() - started) * 1000))
                    view = self.view(verdict)
                    if live is not None:
                        live.update(view, refresh=True)
                    else:
                        self.console.print(view)
        except KeyboardInterrupt:
            pass
        self.console.print(Text(say("watch.stopped", self.lang, path=self.path), style="dim"))

    def _record(self, verdict: Verdict, hints: int, duration_ms: int) -> None:
        instance = make_instance(self.exercise, self.session.lang, random.Random())
        self.recorded = self.session.finish_exercise(instance, True, verdict.attempts, hints, duration_ms)

    def view(self, verdict: Verdict) -> RenderableType:
        """When and what was graded, the checks with failures on top, and the pass if any."""
        clock = datetime.now().strftime("%H:%M:%S")
        when = (say("watch.save", self.lang, time=clock, n=verdict.saves) if verdict.saves
                else say("watch.found", self.lang, time=clock))
        parts: list[RenderableType] = [Text(when, style="dim")]
        if verdict.report is None:
            parts.append(Text(verdict.error.text(self.lang) if verdict.error else "", style="yellow"))
        else:
            if verdict.report.passed and self.recorded is not None:  # on top: a short terminal cuts the bottom
                if verdict.first_pass:
                    rating = say(f"rating_{int(self.recorded.rating)}", self.lang)
                    parts.append(Text("🎉 " + say("watch.passed", self.lang, rating=rating), style="bold green"))
                else:
                    parts.append(Text(say("watch.still", self.lang), style="green"))
            parts.append(report_view(verdict.report, self.lang, exercise=self.exercise, failures_first=True))
        return Group(*parts)
