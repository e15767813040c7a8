"""`quizdl export anki`: the banks as an Anki deck, through genanki.

One note per question (templated questions: a few fixed instances), one
sub-deck per topic, tags per topic, formulas as MathJax. Note GUIDs derive from
the question id (and instance seed), model and deck ids from fixed names, so a
re-export updates the learner's notes instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import html
import random
import re
import zlib
from pathlib import Path

from quizdl.bank.catalog import Catalog
from quizdl.bank.question import CodeQuestion, Question, TemplateQuestion
from quizdl.quiz.instance import LETTERS, Instance, make_instance

TEMPLATE_INSTANCES = 3
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", re.S)
_CODE = re.compile(r"`([^`]+)`")
_CSS = """
.card { font-family: -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 18px;
        text-align: left; max-width: 46em; margin: auto; }
.options { margin-top: .6em; } .answer { color: #1a7f37; font-weight: 600; }
.why { margin-top: .8em; color: #444; } .source { margin-top: 1em; font-size: 12px; color: #888; }
pre { font-size: 14px; background: #f6f8fa; padding: .6em; overflow-x: auto; }
"""


def _stable_id(name: str) -> int:
    """A fixed Anki id for a model or deck name (Anki wants ids in a range genanki accepts)."""
    return (1 << 30) + zlib.crc32(name.encode("utf-8"))


def to_html(text: str) -> str:
    """Bank text as Anki HTML: escaped, `code` in <code>, $math$ as MathJax \\( \\) and \\[ \\]."""
    parts, position = [], 0
    for match in _MATH.finditer(text):
        parts.append(_plain_html(text[position:match.start()]))
        if match.group(1) is not None:
            parts.append(r"\[" + html.escape(match.group(1), quote=False) + r"\]")
        else:
            parts.append(r"\(" + html.escape(match.group(2), quote=False) + r"\)")
        position = match.end()
    parts.append(_plain_html(text[position:]))
    return "".join(parts)


def _plain_html(text: str) -> str:
    escaped = html.escape(text.replace(r"\$", "$"), quote=False)
    return _CODE.sub(r"<code>\1</code>", escaped).replace("\n", "<br>")


def _model():
    import genanki

    return genanki.Model(
        _stable_id("quizdl-model-v1"),
        "quizdl",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": "QuizdlId"}],
        templates=[{
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<div class="source">{{Source}} · {{QuizdlId}}</div>',
        }],
        css=_CSS,
    )


def _sides(instance: Instance) -> tuple[str, str]:
    question = instance.question
    front = to_html(instance.prompt)
    if instance.options:
        items = "".join(f"<li>{LETTERS[i]}. {to_html(text)}</li>" for i, (_, text) in enumerate(instance.options))
        front += f'<ol class="options" style="list-style:none;padding-left:0">{items}</ol>'
    if isinstance(question, CodeQuestion):
        front += f"<pre>{html.escape(question.contract_in(instance.lang))}</pre>"
        answer = f"<pre>{html.escape(instance.answer_text)}</pre>"
    elif instance.points:  # an explain question: the key points, then the model answer below them
        answer = '<ol class="points">' + "".join(f"<li>{to_html(point)}</li>" for point in instance.points) + "</ol>"
    else:
        answer = f'<div class="answer">{to_html(instance.answer_text)}</div>'
    return front, answer + f'<div class="why">{to_html(instance.explanation)}</div>'


def _instances(question: Question, lang: str) -> list[tuple[str, Instance]]:
    """(guid key, instance): fixed seeds, so a re-export shows the same numbers and options."""
    if isinstance(question, TemplateQuestion):
        return [(f"{question.id}#{seed}", make_instance(question, lang, random.Random(seed)))
                for seed in range(TEMPLATE_INSTANCES)]
    return [(question.id, make_instance(question, lang, random.Random(stable_seed(question.id))))]


def stable_seed(question_id: str) -> int:
    """A seed of the question's own: the options keep their order across re-exports, while the right letter
    is spread over A-D across questions (the banks list the right option first)."""
    return int.from_bytes(hashlib.sha256(question_id.encode()).digest()[:8], "big")


def export_anki(catalog: Catalog, questions: list[Question], out: Path, lang: str) -> int:
    """Write an .apkg of `questions`; return the number of notes."""
    import genanki

    model = _model()
    decks: dict[str, genanki.Deck] = {}
    notes = 0
    for question in questions:
        topic = question.topic or "misc"
        if topic not in decks:
            decks[topic] = genanki.Deck(_stable_id(f"quizdl-deck-{topic}"),
                                        f"quizdl::{catalog.topic_title(topic, lang)}")
        tags = [f"quizdl::{topic}", f"quizdl::{question.kind}"] + [re.sub(r"\s+", "_", t) for t in question.tags]
        for key, instance in _instances(question, lang):
            front, back = _sides(instance)
            decks[topic].add_note(genanki.Note(
                model=model, fields=[front, back, html.escape(question.source), key],
                guid=genanki.guid_for("quizdl", key), tags=tags))
            notes += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(list(decks.values())).write_to_file(str(out))
    return notes
