"""`quizdl list`, `show` and `topics`: the banks as tables, JSON and single cards."""

from __future__ import annotations

import json
import random
from collections import Counter

from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.control import strip_control_codes
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizdl.bank.catalog import Catalog, Entry
from quizdl.bank.kinds import KINDS
from quizdl.paths import content_dir
from quizdl.quiz.numbers import format_number
from quizdl.ui.labels import LABELS, say
from quizdl.ui.tables import Column, print_table
from quizdl.ui.text import HEADING_CHARACTERS, one_line, rich_text

if TYPE_CHECKING:
    from quizdl.doctor import Finding
    from quizdl.bank.question import Question
    from quizdl.progress.store import PastAnswer

_TITLE_LENGTH = 72
_MIN_TITLE = 24
"""Columns a title needs to be recognisable in `list`."""


def title(question: Question | Entry, lang: str, limit: int | None = _TITLE_LENGTH) -> str:
    """The question's short name: its `title`, else the start of its prompt (cut at `limit`; None: whole).

    A cached entry's heading is already rendered; it holds enough for any limit up to a third of its length."""
    if isinstance(question, Entry) and question.heading and limit is not None and 3 * limit <= HEADING_CHARACTERS:
        text = question.heading[lang]
    else:
        if isinstance(question, Entry):
            source = question.name[lang]
        else:
            source = question.title.get(lang) if question.title else question.prompt.get(lang)
        text = one_line(source, None if limit is None else 3 * limit)
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def questions_json(questions: list[Entry], lang: str) -> str:
    rows = [
        {
            "id": q.id,
            "kind": q.kind,
            "topic": q.topic,
            "title": title(q, lang, limit=None),  # machine output is never cut
            "difficulty": q.difficulty,
            "tags": list(q.tags),
        }
        for q in questions
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def print_questions(console: Console, catalog: Catalog, questions: list[Entry], lang: str) -> None:
    """One line per question, cut to the terminal's width. The lines are written as plain text: having rich lay
    out, measure and style every cell of ten thousand rows is what made `list` slow. When the fixed columns
    leave the title too little room, the topic and difficulty columns go first (a table of id, kind and
    title at 80 columns); when even that is too narrow, each question takes two lines: the id, then the rest
    indented. Widths are in terminal cells (a Chinese header or kind takes two per character).

    The table is built column by column: a column of printable ASCII (the ids, most topics) is measured and
    padded by length, and one of a few distinct texts (kinds, difficulties) pads each text once; measuring
    and padding ten thousand rows cell by cell was most of the time `list` spent writing."""
    headers = [say(f"col.{name}", lang) for name in ("id", "kind", "topic", "difficulty")]
    kinds = {kind: say(f"kind.{kind}", lang) for kind in {q.kind for q in questions}}
    difficulties = {level: say(f"difficulty_{level}", lang) for level in {q.difficulty for q in questions}}
    full = [[q.id for q in questions], [kinds[q.kind] for q in questions], [q.topic for q in questions],
            [difficulties[q.difficulty] for q in questions]]
    width = console.width  # read once: rich asks the terminal each time
    widest = [max(_cells(header), _widest(column)) for header, column in zip(headers, full)]
    for shown in (4, 2):
        widths = widest[:shown]
        if not (stacked := width - sum(widths) - 2 * shown < _MIN_TITLE):
            break
    if stacked:  # the second line's start is measured once per (kind, topic, difficulty), the title cut to the rest
        starts: dict[tuple[str, str, str], tuple[str, int]] = {}
        lines = []
        for q, *columns in zip(questions, *full[1:]):
            if (key := tuple(columns)) not in starts:
                start = "  " + " · ".join(key) + " · "
                starts[key] = start, width - _cells(start)
            start, room = starts[key]
            rest = start + _fit(title(q, lang, limit=room), room) if room >= 2 else _fit(start + title(q, lang), width)
            lines += [_fit(q.id, width), rest]
    else:  # the padded columns and a title cut to `room` fill the width exactly
        room = width - sum(widths) - 2 * shown  # the title's cells
        names = [_fit(title(q, lang, limit=room), room) for q in questions]
        lines = list(map("  ".join, zip(*map(_padded, full[:shown], widths), names)))
        console.print("  ".join(map(_pad, headers[:shown], widths)) + "  " + say("col.title", lang),
                      style="bold", highlight=False, no_wrap=True, overflow="ellipsis", crop=True)
    if not "".join(lines).isprintable():
        lines = [line if line.isprintable() else strip_control_codes(line) for line in lines]
    console.file.write("".join(line + "\n" for line in lines))
    console.print(Text(say("list.count", lang, n=len(questions)), style="dim"))


def _plain(texts: list[str]) -> bool:
    """Whether every text is printable ASCII, one terminal cell per character (asked once per column)."""
    joined = "".join(texts)
    return joined.isascii() and joined.isprintable()


def _widest(texts: list[str]) -> int:
    """The terminal cells the widest text takes."""
    return max(map(len, texts) if _plain(texts) else map(_cells, set(texts)), default=0)


def _padded(texts: list[str], width: int) -> list[str]:
    """Each text followed by spaces up to `width` terminal cells."""
    if _plain(texts):
        return [text.ljust(width) for text in texts]
    padded = {text: _pad(text, width) for text in set(texts)}  # kinds and difficulties are few
    return [padded[text] for text in texts]


def _cells(text: str) -> int:
    """The terminal cells `text` takes; printable ASCII (ids, English labels) takes one per character, and
    measuring ten thousand ids one character at a time was a third of `list`'s time."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def _pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` terminal cells."""
    return text + " " * (width - _cells(text))


def _fit(line: str, width: int) -> str:
    """The line cut to `width` terminal cells, with an ellipsis when something was cut."""
    return line if _cells(line) <= width else set_cell_size(line, width - 1) + "…"


def print_topics(console: Console, catalog: Catalog, lang: str) -> None:
    columns = [Column(say("col.topic", lang)), Column(say("col.title", lang), grows=True),
               *(Column(say(f"kind.{kind}", lang), justify="right", optional=True) for kind in KINDS),
               Column(say("col.total", lang), justify="right")]
    rows = []
    for topic in catalog.topics():
        counts = Counter(q.kind for q in catalog.by_topic[topic])
        rows.append([topic, catalog.topic_title(topic, lang), *(str(counts[k] or "") for k in KINDS),
                     str(sum(counts.values()))])
    print_table(console, columns, rows)


def print_question(console: Console, catalog: Catalog, question: Question, lang: str, seed: int | None) -> None:
    from quizdl.quiz.instance import LETTERS, make_instance

    instance = make_instance(question, lang, random.Random(seed))
    t = LABELS[lang]
    console.print(Text(f"{question.id} · {catalog.topic_title(question.topic or '', lang)} · {t['kind_' + question.kind]}"
                       f" · {t['difficulty_' + question.difficulty]}", style="bold"))
    console.print(Text(f"{_bank_file(catalog.where[question.id])}" +
                       (f" · {_source(question.source, t)}" if question.source else ""), style="dim"))
    body = Text.assemble(rich_text(instance.prompt))
    for index, (_key, option) in enumerate(instance.options):
        body.append(f"\n  {LETTERS[index]}. ")
        body.append(rich_text(option))
    console.print(Panel(body, border_style="cyan", expand=False))
    if shown := {k: v for k, v in instance.values.items() if v is not None}:  # None: a mistake not in this draw
        console.print(Text(t["values"] + t["colon"] + ", ".join(f"{k}={_value(v)}" for k, v in shown.items()),
                           style="dim"))
    answer_title, why_title = (t["points"], t["model_answer"]) if instance.points else (t["answer"], t["why"])
    console.print(Panel(rich_text(instance.answer_text), title=answer_title, title_align="left", border_style="green",
                        expand=False))
    console.print(Panel(rich_text(instance.explanation), title=why_title, title_align="left", border_style="dim",
                        expand=False))


def _bank_file(where: tuple[Path, int, int]) -> str:
    """Where the question is written: relative to the bundled content folder (not a site-packages path)."""
    path, line, _ = where
    try:
        shown = f"content/{path.resolve().relative_to(content_dir().resolve()).as_posix()}"
    except ValueError:  # a learner's own bank: the path they gave
        shown = str(path)
    return f"{shown}:{line}"


def _source(source: str, t: dict[str, str]) -> str:
    """A source as a reader wants it: the notes' heading (not the hashed file name it lives in), or the
    paper or documentation page as written, labelled as what it is."""
    note, _, heading = source.partition("#")
    if heading and note.endswith(".txt"):
        return f"{t['source']}{t['colon']}{heading}"
    return f"{t['reference']}{t['colon']}{source}"


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


def print_history(console: Console, question: Question, answers: list[PastAnswer], lang: str) -> None:
    """`quizdl show ID --history`: every earlier answer with its date and rating, oldest first, so that one's
    explanations can be seen improving; an explain answer also shows how many key points it covered."""
    t = LABELS[lang]
    if not answers:
        console.print(Text(t["history_none"].format(id=question.id), style="dim"))
        return
    points = len(question.points) if question.kind == "explain" else None  # type: ignore[union-attr]
    table = Table(title=f"{t['history']} · {question.id}", title_justify="left", show_lines=True)
    table.add_column(t["date"], no_wrap=True)
    table.add_column(t["rating"], no_wrap=True)
    if points:
        table.add_column(t["points"], justify="right", no_wrap=True)
    table.add_column(t["your_answer"], overflow="fold")
    for past in answers:
        mark = "" if past.correct is None else ("✔ " if past.correct else "✘ ")
        row = [past.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M"), mark + t[f"rating_{int(past.rating)}"]]
        if points:
            row.append(f"{len(past.covered or [])}/{points}")
        row.append(rich_text(past.answer) if past.answer else Text(t["no_text"], style="dim"))
        table.add_row(*row)
    console.print(table)
