"""The Anki export: one note per question, fixed template instances, stable ids, MathJax."""

import sqlite3
import zipfile

import pytest

from conftest import BANKS
from quizdl.bank.catalog import load_catalog
from quizdl.export.anki import TEMPLATE_INSTANCES, export_anki, to_html


def notes(apkg, tmp_path):
    zipfile.ZipFile(apkg).extractall(tmp_path / "unzipped")
    with sqlite3.connect(tmp_path / "unzipped" / "collection.anki2") as db:
        return {guid: (tags.split(), fields.split("\x1f"))
                for guid, tags, fields in db.execute("SELECT guid, tags, flds FROM notes")}


@pytest.fixture
def starter():
    catalog = load_catalog([BANKS / "good"], bundled=False)
    return catalog, list(catalog.questions.values())


def test_one_note_per_question_and_fixed_instances_of_templates(starter, tmp_path):
    catalog, questions = starter
    assert export_anki(catalog, questions, tmp_path / "a.apkg", "en") == 3 + TEMPLATE_INSTANCES
    exported = notes(tmp_path / "a.apkg", tmp_path)
    ids = sorted(fields[3] for _, fields in exported.values())
    assert ids == ["starter-drill#0", "starter-drill#1", "starter-drill#2",
                   "starter-formula", "starter-same-padding", "starter-stride2"]


def test_re_export_keeps_note_ids_and_content(starter, tmp_path):
    catalog, questions = starter
    export_anki(catalog, questions, tmp_path / "a.apkg", "en")
    export_anki(catalog, questions, tmp_path / "b.apkg", "en")
    (tmp_path / "first").mkdir()
    assert notes(tmp_path / "a.apkg", tmp_path / "first") == notes(tmp_path / "b.apkg", tmp_path)


def test_tags_topics_math_and_language(starter, tmp_path):
    catalog, questions = starter
    export_anki(catalog, questions, tmp_path / "zh.apkg", "zh")
    by_id = {fields[3]: (tags, fields) for tags, fields in notes(tmp_path / "zh.apkg", tmp_path).values()}
    tags, fields = by_id["starter-formula"]
    assert "quizdl::starter" in tags and "quizdl::choice" in tags and "formula" in tags
    assert r"\(\lfloor \frac{H + 2p - d(k-1) - 1}{s} \rfloor + 1\)" in fields[0]
    assert "PyTorch 的 <code>nn.Conv2d</code>" in fields[0]
    assert fields[2].startswith("004_81d8722cd7eeaf4d.txt")


def test_html_is_escaped_outside_and_inside_math():
    assert to_html("a < b and $x < y$\nnext") == r"a &lt; b and \(x &lt; y\)<br>next"
    assert to_html(r"$$\sum_i x_i$$ costs \$5") == r"\[\sum_i x_i\] costs $5"


def test_the_right_letter_is_spread_over_the_options():
    """Every bank writes its right option first; exported decks must not teach "the answer is B"."""
    from collections import Counter

    from quizdl.bank.catalog import load_catalog
    from quizdl.export.anki import _instances

    letters: Counter[str] = Counter()
    for question in load_catalog().select(kinds=["choice"]):
        ((_, instance),) = _instances(question, "en")
        if len(instance.options) == 4 and len(instance.right_letters) == 1:
            letters.update(instance.right_letters)
    assert sum(letters.values()) > 100
    assert max(letters.values()) <= 0.35 * sum(letters.values()), letters
