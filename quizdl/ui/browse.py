"""`quizdl list`, `show` and `topics`: the banks as tables, JSON and single cards."""

from __future__ import annotations

import json
import re
import random
from collections import Counter

from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog
from quizdl.paths import content_dir
from quizdl.bank.schema import KINDS, Question
from quizdl.doctor import Finding
from quizdl.quiz.instance import LETTERS, make_instance
from quizdl.quiz.numbers import format_number
from quizdl.ui.labels import LABELS
from quizdl.ui.text import plain, rich_text

_TITLE_LENGTH = 72
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)[^}]*\}\}")


def title(question: Question, lang: str, limit: int | None = _TITLE_LENGTH) -> str:
    """The question's short name: its `title`, else the start of its prompt (cut at `limit`; None: whole)."""
    text = plain(question.title.get(lang) if question.title else question.prompt.get(lang))
    text = _PLACEHOLDER.sub(r"⟨\1⟩", text)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def questions_json(questions: list[Question], lang: str) -> str:
    rows = [
        {
            "id": q.id,
            "kind": q.kind,
            "topic": q.topic,
            "title": title(q, lang, limit=None),  # machine output is never cut
            "difficulty": q.difficulty.value,
            "tags": q.tags,
        }
        for q in questions
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def print_questions(console: Console, catalog: Catalog, questions: list[Question], lang: str) -> None:
    table = Table(show_edge=False, pad_edge=False)
    columns = ("id", "kind", "topic", "difficulty")
    rows = [(q.id, q.kind, q.topic or "", q.difficulty.value) for q in questions]
    widths = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(columns)]
    room = max(console.width - sum(widths) - 3 * len(columns) - 1, 12)
    for column in columns + ("title",):
        table.add_column(column, no_wrap=True)
    for question, row in zip(questions, rows):
        name = Text(title(question, lang))
        name.truncate(room, overflow="ellipsis")
        table.add_row(*row, name)
    console.print(table)
    console.print(f"[dim]{len(questions)} question(s)[/]")


def print_topics(console: Console, catalog: Catalog, lang: str) -> None:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("topic", no_wrap=True)
    table.add_column("title")
    for kind in KINDS:
        table.add_column(kind, justify="right")
    table.add_column("total", justify="right")
    for topic in catalog.topics():
        counts = Counter(q.kind for q in catalog.select([topic]))
        table.add_row(topic, catalog.topic_title(topic, lang), *(str(counts[k] or "") for k in KINDS),
                      str(sum(counts.values())))
    console.print(table)


def print_question(console: Console, catalog: Catalog, question: Question, lang: str, seed: int | None) -> None:
    instance = make_instance(question, lang, random.Random(seed))
    t = LABELS[lang]
    console.print(Text(f"{question.id} · {catalog.topic_title(question.topic or '', lang)} · {t['kind_' + question.kind]}"
                       f" · {t['difficulty_' + question.difficulty.value]}", style="bold"))
    console.print(Text(f"{_bank_file(catalog.where[question.id])}" +
                       (f" · {t['source']}{t['colon']}{_note(question.source)}" if question.source else ""), style="dim"))
    body = Text.assemble(rich_text(instance.prompt))
    for index, (_key, option) in enumerate(instance.options):
        body.append(f"\n  {LETTERS[index]}. ")
        body.append(rich_text(option))
    console.print(Panel(body, border_style="cyan", expand=False))
    if shown := {k: v for k, v in instance.values.items() if v is not None}:  # None: a mistake not in this draw
        console.print(Text(t["values"] + t["colon"] + ", ".join(f"{k}={_value(v)}" for k, v in shown.items()),
                           style="dim"))
    console.print(Panel(rich_text(instance.answer_text), title=t["answer"], title_align="left", border_style="green",
                        expand=False))
    console.print(Panel(rich_text(instance.explanation), title=t["why"], title_align="left", border_style="dim",
                        expand=False))


def _bank_file(where: tuple[Path, int, int]) -> str:
    """Where the question is written: relative to the bundled content folder (not a site-packages path)."""
    path, line, _ = where
    try:
        shown = f"content/{path.resolve().relative_to(content_dir().resolve()).as_posix()}"
    except ValueError:  # a learner's own bank: the path they gave
        shown = str(path)
    return f"{shown}:{line}"


def _note(source: str) -> str:
    """A source as a reader wants it: the notes' heading, not the hashed file name it lives in."""
    note, _, heading = source.partition("#")
    return heading if heading and note.endswith(".txt") else source


def _value(value: object) -> str:
    return format_number(value) if isinstance(value, float) else str(value)


def print_findings(console: Console, findings: list[Finding]) -> None:
    """`quizdl doctor`'s table: a mark, what was looked at, what was found."""
    marks = {"ok": Text("✔", style="green"), "warn": Text("!", style="bold yellow"), "fail": Text("✘", style="bold red")}
    table = Table(show_header=False, show_edge=False, pad_edge=False)
    table.add_column(width=1)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for finding in findings:
        table.add_row(marks[finding.status], finding.what, finding.value)
    console.print(table)
