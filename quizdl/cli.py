"""The `quizdl` command line: parse options, call the core, print.

Every import beyond typer is done inside the command that needs it, so
`quizdl --help` starts fast and no command but grading imports torch or numpy.
A `QuizdlError` from the core is printed once, here, and becomes the exit code.
No `from __future__ import annotations` here: typer reads every command's signature
on each start, and string annotations would be evaluated one by one (a tenth of
`quizdl list`'s time); the few names imported only for type checking are quoted.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperGroup

from quizdl.errors import QuizdlError, UsageError

# quizdl uses no pydantic plugins; looking for them scans every installed distribution's metadata
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:
    from rich.console import Console

    from quizdl.bank.catalog import Catalog
    from quizdl.bank.question import CodeQuestion
    from quizdl.progress.store import Store


class _Commands(TyperGroup):
    """Speaks the learner's language from the start (help, errors); turns a QuizdlError from any
    command into its message and exit code, in one place."""

    lang = "en"

    def main(self, args=None, *rest, **extra):  # type: ignore[no-untyped-def]
        import sys

        from quizdl.cli_help import localize, requested_language

        args = list(sys.argv[1:] if args is None else args)
        _Commands.lang = requested_language(args, dict(os.environ))  # this run's language, for every command
        localize(self, self.lang)
        return super().main(args, *rest, **extra)

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if not args and self.no_args_is_help and not ctx.resilient_parsing:  # typer prints only its own help here
            typer.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(2)
        return super().parse_args(ctx, args)

    def make_context(self, *args, **extra):  # type: ignore[no-untyped-def]
        from quizdl.cli_help import parse_errors_in

        with parse_errors_in(self.lang):
            return super().make_context(*args, **extra)

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        from quizdl.cli_help import parse_errors_in

        if ctx.parent is not None:  # a sub-group: its errors are printed by the root, which knows the language
            with parse_errors_in(self.lang):
                return super().invoke(ctx)
        try:
            with parse_errors_in(self.lang):
                return super().invoke(ctx)
        except QuizdlError as error:
            from quizdl.ui.labels import say

            typer.echo(say("error.prefix", self.lang) + error.text(self.lang), err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_Commands,
    name="quizdl",
    help="Deep-learning interview practice: spaced-repetition quizzes and graded implement-it exercises.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from quizdl import __version__

        typer.echo(f"quizdl {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", metavar="", callback=_show_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Deep-learning interview practice: spaced-repetition quizzes and graded implement-it exercises."""

exercise_app = typer.Typer(cls=_Commands, help="Implement-it exercises: list them, start one.", no_args_is_help=True,
                           context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(exercise_app, name="exercise")
export_app = typer.Typer(cls=_Commands, help="Export the banks to other tools.", no_args_is_help=True,
                         context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(export_app, name="export")

BankOption = Annotated[
    Optional[list[Path]],
    typer.Option("--bank", metavar="DIR", help="An extra folder of your own banks (repeatable; also $QUIZDL_BANKS).", show_default=False),
]
DataDirOption = Annotated[
    Optional[Path], typer.Option("--data-dir", metavar="DIR", help="Where progress is kept (default $QUIZDL_HOME or the user data dir).")
]
LangOption = Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="zh or en (default $QUIZDL_LANG, else from $LANG).")]
TopicOption = Annotated[Optional[list[str]], typer.Option("--topic", "-t", metavar="TOPIC", help="Only this topic (repeatable).")]
KindOption = Annotated[
    Optional[list[str]],
    typer.Option("--kind", "-k", metavar="KIND", help="Only this kind: choice, numeric, flashcard, template, code, explain."),
]


@app.command()
def practice(
    topic: TopicOption = None,
    kind: KindOption = None,
    count: Annotated[int, typer.Option("--count", "-n", metavar="N", min=1, help="At most this many questions.")] = 20,
    new: Annotated[Optional[int], typer.Option("--new", metavar="N", min=0, show_default=False,
                                               help="Daily limit of new questions (default: the plan's quota, else 20).")] = None,
    exercises: Annotated[int, typer.Option("--exercises", metavar="N", min=0, help="At most this many implement-it exercises.")] = 2,
    cram: Annotated[bool, typer.Option("--cram", metavar="", help="Ignore the schedule: any question of the selection.")] = False,
    lang: LangOption = None,
    seed: Annotated[Optional[int], typer.Option("--seed", metavar="N", help="Fix question order, options and numbers.")] = None,
    workspace: Annotated[
        Path, typer.Option("--workspace", metavar="DIR", help="Where exercise files are written.")] = Path("quizdl-workspace"),
    bank: BankOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Practise: due reviews first, then new questions; every answer is saved at once. Follows `quizdl plan`."""
    import random

    from quizdl.paths import data_dir as resolve
    from quizdl.practice.queue import plan, why_empty
    from quizdl.practice.session import Session
    from quizdl.progress.plan import is_active, load_plan, todays_quota
    from quizdl.progress.schedule import Scheduler, local_day, utc_now
    from quizdl.ui.plan import print_following
    from quizdl.ui.practice import PracticeUI

    catalog = _catalog(bank, warn=True)
    language = _language(lang)
    rng = random.Random(seed)
    with _store(data_dir) as store:
        interview, now = load_plan(resolve(data_dir)), utc_now()
        if interview is not None and is_active(interview, now):
            topic = topic or list(interview.topics) or None
            if new is None:
                new = todays_quota(catalog, store, interview, now).per_day
                print_following(_console(), interview, new, language)
        questions = catalog.select_entries(topic, kind)
        new = 20 if new is None else new
        new_left = new - store.first_reviews_between(*local_day(now))
        cards, suspended = store.cards(), store.suspended()
        queue = plan(questions, cards, suspended, now, rng, count=count, new_left=new_left, exercises=exercises,
                     cram=cram)
        why = None if queue else why_empty(questions, cards, suspended, now, new_left=new_left, exercises=exercises)
        session = Session(catalog, store, Scheduler(), queue, lang=language, rng=rng)
        PracticeUI(session, _console(), workspace=workspace, why_empty=why).run()


@app.command()
def mock(
    topic: TopicOption = None,
    minutes: Annotated[int, typer.Option("--minutes", metavar="N", min=1, max=600, help="Length of the mock.")] = 45,
    seed: Annotated[Optional[int], typer.Option("--seed", metavar="N", help="Fix the questions drawn.")] = None,
    history: Annotated[bool, typer.Option("--history", metavar="", help="Show past mocks' scores as a trend.")] = False,
    report: Annotated[Optional[Path], typer.Option("--report", metavar="FILE.md", help="Also write the report as Markdown.")] = None,
    lang: LangOption = None,
    workspace: Annotated[
        Path, typer.Option("--workspace", metavar="DIR", help="Where the exercise file is written.")] = Path("quizdl-workspace"),
    bank: BankOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A timed mock interview: concept questions, explain questions, one exercise; feedback only at the end."""
    import random

    from quizdl.practice import mock as core
    from quizdl.practice.session import Session
    from quizdl.progress.schedule import Scheduler, utc_now
    from quizdl.ui.mock import MockUI, print_history, print_report, report_markdown

    language = _language(lang)
    if history:
        with _store(data_dir, read_only=True) as store:
            print_history(_console(), [(score, core.MockReport.from_json(text)) for _, score, text in store.mocks()],
                          language)
        return
    if report is not None and not report.parent.is_dir():
        raise UsageError(key="error.no_folder", path=report.parent)
    catalog = _catalog(bank, warn=True)
    rng = random.Random(seed)
    with _store(data_dir) as store:
        session = Session(catalog, store, Scheduler(), [], lang=language, rng=rng)
        run = core.start(catalog.select(topic), session, minutes=minutes, topics=topic, seed=seed, rng=rng,
                         now=utc_now())
        result = MockUI(run, catalog, _console(), workspace=workspace).run()
        store.save_mock(result.id, run.started_at, result.score, result.to_json())
    print_report(_console(), result, catalog)
    if report is not None:
        report.write_text(report_markdown(result, catalog), encoding="utf-8")
        typer.echo(f"{report}")


@app.command()
def lint(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", help="Bank files or folders to check too.")] = None,
    bank: BankOption = None,
) -> None:
    """Check the bundled banks and the given files; list every problem as file:line:column."""
    from quizdl.bank.lint import lint_catalog, lint_warnings
    from quizdl.paths import extra_bank_dirs

    catalog_paths = extra_bank_dirs(bank) + list(paths or [])
    problems, checked = lint_catalog(catalog_paths)
    for problem in problems:
        typer.echo(problem.text(_Commands.lang))
    for warning in lint_warnings(catalog_paths):
        typer.echo(_say("warning.prefix") + warning.text(_Commands.lang))
    if problems:
        typer.echo(_say("lint.problems", n=len(problems), checked=checked), err=True)
        raise typer.Exit(1)
    typer.echo(_say("lint.ok", checked=checked))


@app.command()
def doctor(bank: BankOption = None) -> None:
    """What this installation can do: grader isolation, torch and numpy, data folders, banks."""
    from quizdl.doctor import diagnose
    from quizdl.paths import extra_bank_dirs
    from quizdl.ui.browse import print_findings

    findings = diagnose(extra_bank_dirs(bank))
    print_findings(_console(), findings)
    raise typer.Exit(1 if any(f.status == "fail" for f in findings) else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a bank file, for editors."""
    import json

    from quizdl.bank.schema import BankFile

    typer.echo(json.dumps(BankFile.model_json_schema(by_alias=True), indent=2, ensure_ascii=False))


@app.command("list")
def list_questions(
    topic: TopicOption = None,
    kind: KindOption = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="A JSON array instead of a table.")] = False,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """List questions: id, kind, topic, difficulty, title."""
    from quizdl.ui import browse

    catalog = _catalog(bank, warn=not as_json)
    questions = catalog.select_entries(topic, kind)
    if as_json:
        typer.echo(browse.questions_json(questions, _language(lang)))
    else:
        browse.print_questions(_console(), catalog, questions, _language(lang))


@app.command()
def show(
    question_id: Annotated[str, typer.Argument(metavar="ID")],
    lang: LangOption = None,
    seed: Annotated[Optional[int], typer.Option("--seed", metavar="N", help="Which numbers a template draws.")] = None,
    history: Annotated[bool, typer.Option("--history", metavar="", help="Also list your past answers.")] = False,
    bank: BankOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show one question with its answer and explanation."""
    from quizdl.ui import browse

    catalog = _catalog(bank)
    question, language = catalog.question(question_id), _language(lang)
    browse.print_question(_console(), catalog, question, language, seed)
    if history:
        with _store(data_dir, read_only=True) as store:
            browse.print_history(_console(), question, store.answers(question.id), language)


@app.command()
def topics(lang: LangOption = None, bank: BankOption = None) -> None:
    """List the topics and how many questions of each kind they hold."""
    from quizdl.ui import browse

    browse.print_topics(_console(), _catalog(bank), _language(lang))


@app.command()
def stats(
    lang: LangOption = None,
    bank: BankOption = None,
    data_dir: DataDirOption = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="The same figures as JSON.")] = False,
) -> None:
    """Per-topic progress, a heatmap of recent reviews, the streak, and with a plan the readiness forecast."""
    from quizdl.paths import data_dir as resolve
    from quizdl.progress.plan import is_active, load_plan
    from quizdl.progress.schedule import utc_now

    catalog = _catalog(bank, warn=not as_json)
    with _store(data_dir, read_only=True) as store:
        interview, now = load_plan(resolve(data_dir)), utc_now()
        if as_json:
            import json

            from quizdl.progress.stats import Progress

            typer.echo(json.dumps(Progress.read(catalog, store, now).as_json(), ensure_ascii=False, indent=2))
        else:
            from quizdl.ui.plan import print_readiness
            from quizdl.ui.stats import print_stats

            print_stats(_console(), catalog, store, now, _language(lang))
            if interview is not None and is_active(interview, now):
                _console().print()
                print_readiness(_console(), catalog, store, interview, _language(lang))


@app.command("plan")
def plan_command(
    until: Annotated[Optional[str], typer.Option("--until", metavar="YYYY-MM-DD", help="The interview date.")] = None,
    topic: TopicOption = None,
    clear: Annotated[bool, typer.Option("--clear", metavar="", help="End the plan.")] = False,
    lang: LangOption = None,
    bank: BankOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Be ready by an interview date: a daily quota of new questions that `practice` follows; alone, show the plan."""
    from quizdl.paths import data_dir as resolve
    from quizdl.progress.plan import Plan, clear_plan, is_active, load_plan, parse_date, save_plan, todays_quota
    from quizdl.progress.schedule import local_day, utc_now
    from quizdl.ui.plan import print_message, print_plan, print_readiness

    language, folder, now = _language(lang), resolve(data_dir), utc_now()
    if clear and (until or topic):
        raise UsageError("--clear takes no --until or --topic")
    if topic and until is None:
        raise UsageError("--topic needs --until: `quizdl plan --until YYYY-MM-DD --topic TOPIC`")
    with _store(data_dir, read_only=True) as store:  # a data folder that cannot be used is said here, once
        if clear:
            print_message(_console(), "cleared" if clear_plan(folder) else "nothing_to_clear", language)
            return
        catalog = _catalog(bank)
        if until is not None:
            catalog.select_entries(topic)  # unknown topics: a usage error before anything is written
            save_plan(folder, Plan(parse_date(until, local_day(now)[0].date()), tuple(topic or ())))
        interview = load_plan(folder)
        if interview is None:
            print_message(_console(), "no_plan", language)
            return
        if not is_active(interview, now):
            print_message(_console(), "over", language, until=interview.until)
            return
        print_plan(_console(), catalog, interview, todays_quota(catalog, store, interview, now), language)
        _console().print()
        print_readiness(_console(), catalog, store, interview, language)


@app.command()
def suspend(
    question_id: Annotated[str, typer.Argument(metavar="ID")], bank: BankOption = None, data_dir: DataDirOption = None
) -> None:
    """Stop asking a question (its progress is kept)."""
    from quizdl.progress.schedule import utc_now

    catalog = _catalog(bank)
    catalog.question(question_id)
    with _store(data_dir) as store:
        changed = store.suspend(question_id, utc_now())
    typer.echo(_say("cli.suspended" if changed else "cli.already_suspended", id=question_id))


@app.command()
def unsuspend(question_id: Annotated[str, typer.Argument(metavar="ID")], data_dir: DataDirOption = None) -> None:
    """Ask a suspended question again."""
    with _store(data_dir) as store:
        changed = store.unsuspend(question_id)
    typer.echo(_say("cli.unsuspended" if changed else "cli.not_suspended", id=question_id))


@exercise_app.command("list")
def exercise_list(topic: TopicOption = None, lang: LangOption = None, bank: BankOption = None) -> None:
    """List the implement-it exercises."""
    from quizdl.ui.grade import print_exercises

    catalog = _catalog(bank)
    print_exercises(_console(), catalog, catalog.select(topic, ["code"]), _language(lang))  # type: ignore[arg-type]


@exercise_app.command("start")
def exercise_start(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")],
    directory: Annotated[Path, typer.Option("--dir", metavar="DIR", help="The workspace folder.")] = Path("quizdl-workspace"),
    force: Annotated[bool, typer.Option("--force", metavar="", help="Overwrite an existing file.")] = False,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Write the starter file of an exercise to the workspace."""
    from quizdl.grader.workspace import write_stub
    from quizdl.ui.grade import print_exercise

    exercise = _exercise(bank, exercise_id)
    path = write_stub(exercise, directory, force=force)
    print_exercise(_console(), exercise, _language(lang))
    typer.echo(_say("exercise.wrote", path=path, id=exercise.id))


@exercise_app.command("watch")
def exercise_watch(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")],
    path: Annotated[Optional[Path], typer.Argument(metavar="FILE", show_default=False,
                                                   help="The file to grade (default: the exercise's file in --dir).")] = None,
    directory: Annotated[Path, typer.Option("--dir", metavar="DIR", help="The workspace folder.")] = Path("quizdl-workspace"),
    lang: LangOption = None,
    bank: BankOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Grade FILE again on every save, failures first; the first pass is recorded as in practice. Ctrl-C stops."""
    import watchfiles

    from quizdl.grader.judge import grade as run_grade
    from quizdl.grader.workspace import write_stub
    from quizdl.practice.session import Session
    from quizdl.progress.schedule import Scheduler
    from quizdl.ui.watch import WatchUI

    language = _language(lang)
    exercise = _exercise(bank, exercise_id)
    starter = path is None and not (directory / exercise.file).exists()
    if path is None:
        path = directory / exercise.file
        if starter:
            write_stub(exercise, directory)
    elif not path.is_file():
        raise UsageError(f"{path} is a folder, not a Python file" if path.is_dir() else f"no such file: {path}")
    catalog = _catalog(bank, warn=False, only={exercise.id})
    with _store(data_dir) as store:
        session = Session(catalog, store, Scheduler(), [], lang=language)
        changes = watchfiles.watch(path.parent)  # the folder: a save by rename replaces the file
        WatchUI(_console(), session, exercise, path, lambda file: run_grade(exercise, file),
                starter_written=starter).run(changes)


@app.command()
def grade(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")],
    path: Annotated[Path, typer.Argument(metavar="FILE")],
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print only the JSON verdict.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", min=0.1, help="Wall-clock limit in seconds.")] = 20.0,
    memory: Annotated[int, typer.Option("--memory", metavar="MiB", min=64, help="Memory limit in MiB.")] = 2048,
    seed: Annotated[Optional[int], typer.Option("--seed", metavar="N", min=0, max=2**30 - 1,
                                                help="Draw the inputs of an earlier grade again.")] = None,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Grade FILE against exercise ID: exit 0 when every check passes, 1 otherwise, 2 for a usage error."""
    from quizdl.grader.judge import grade as run_grade
    from quizdl.grader.sandbox import Limits

    exercise = _exercise(bank, exercise_id, warn=not as_json)
    if path.is_dir():
        raise UsageError(key="error.is_folder", path=path)
    if not path.is_file():
        raise UsageError(key="error.no_file", path=path)
    report = run_grade(exercise, path, Limits(timeout=timeout, memory_mb=memory), seed=seed)
    if as_json:
        typer.echo(report.to_json())
    else:
        from quizdl.ui.grade import print_report

        print_report(_console(), report, _language(lang), exercise)
    raise typer.Exit(0 if report.passed else 1)


@app.command()
def hint(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")],
    reset: Annotated[bool, typer.Option("--reset", metavar="", help="Hide the hints again.")] = False,
    lang: LangOption = None,
    bank: BankOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Reveal the next hint of an exercise (from a nudge to the key formula)."""
    from quizdl.ui.grade import print_hints

    exercise = _exercise(bank, exercise_id)
    with _store(data_dir) as store:
        if reset:
            store.reset_hints(exercise.id)
            typer.echo(_say("hint.reset", id=exercise.id))
            return
        shown = store.show_hint(exercise.id, len(exercise.hints))
    print_hints(_console(), exercise, shown, _language(lang))


@app.command()
def solution(exercise_id: Annotated[str, typer.Argument(metavar="ID")], bank: BankOption = None) -> None:
    """Show the reference solution of an exercise."""
    from quizdl.grader.judge import solution_path
    from quizdl.ui.grade import print_solution

    print_solution(_console(), solution_path(_exercise(bank, exercise_id)))


@export_app.command("anki")
def export_anki(
    out: Annotated[Path, typer.Argument(metavar="OUT.apkg")],
    topic: TopicOption = None,
    kind: KindOption = None,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Write an Anki deck: a note per question, sub-decks and tags per topic; re-exports update notes."""
    from quizdl.export.anki import export_anki as write

    if out.suffix != ".apkg":
        raise UsageError(key="error.apkg", path=out)
    if not out.parent.is_dir():
        raise UsageError(key="error.no_folder", path=out.parent)
    catalog = _catalog(bank)
    count = write(catalog, catalog.select(topic, kind), out, _language(lang))
    typer.echo(_say("export.wrote", n=count, path=out))


def _exercise(bank: list[Path] | None, exercise_id: str, *, warn: bool = True) -> "CodeQuestion":
    """The exercise, validating only the bank file that defines it (grading starts sooner)."""
    catalog = _catalog(bank, warn=warn, only={exercise_id})
    if exercise_id not in catalog.questions:  # not found: load everything, for an error with suggestions
        catalog = _catalog(bank, warn=warn)
    question = catalog.question(exercise_id)
    if question.kind != "code":
        raise UsageError(key="error.not_exercise", id=exercise_id, kind=question.kind)
    return question  # type: ignore[return-value]


def _catalog(bank: list[Path] | None, *, warn: bool = True, only: set[str] | None = None) -> "Catalog":
    """Bundled banks plus the learner's; broken files are skipped with a warning."""
    from quizdl.bank.catalog import load_catalog
    from quizdl.paths import extra_bank_dirs

    catalog = load_catalog(extra_bank_dirs(bank), only=only)
    missing = [p for p in catalog.problems if p.field == "path"]
    for problem in missing:  # said even with --json: on stderr, where it cannot spoil the output
        typer.echo(_say("warning.prefix") + _say("warning.no_bank_dir", path=problem.path), err=True)
    if warn and (problems := [p for p in catalog.problems if p.field != "path"]):
        files = sorted({str(p.path) for p in problems})
        typer.echo(_say("warning.prefix") + _say("warning.skipped", n=len(problems), files=", ".join(files)), err=True)
    return catalog


def _store(data_dir: Path | None, *, read_only: bool = False) -> "Store":
    from quizdl.paths import data_dir as resolve
    from quizdl.progress.store import Store

    return Store.in_dir(resolve(data_dir), read_only=read_only)


def _language(lang: str | None) -> str:
    from quizdl.cli_help import locale_language

    chosen = lang or os.environ.get("QUIZDL_LANG") or locale_language(dict(os.environ))
    if chosen not in ("zh", "en"):
        raise UsageError(key="error.lang", lang=chosen)
    return chosen


def _say(key: str, /, **fields: object) -> str:
    """A catalogue text in this run's language (`--lang`, else the environment)."""
    from quizdl.ui.labels import say

    return say(key, _Commands.lang, **fields)


def _console() -> "Console":
    from rich.console import Console

    return Console(highlight=False, emoji=False)  # a bank text such as ":x:" is not an emoji code


def main() -> None:
    import gc

    gc.freeze()  # the modules imported so far live until exit: later collections need not scan them again
    app()
