"""Chinese text wraps between characters, by display cells, and never strands punctuation."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text

import quizdl.ui  # noqa: F401  (installs the CJK line breaking)
from conftest import BANKS
from quizdl.bank.catalog import load_catalog
from quizdl.ui.browse import print_question
from quizdl.ui.text import rich_text
from quizdl.ui.wrap import CLOSING, OPENING, words
from snapshot import assert_snapshot, console, screen

_CJK = re.compile(r"[\u3400-\u9fff]")


def _lines(text: str, width: int) -> list[str]:
    out = console(width)
    out.print(rich_text(text))
    return screen(out).splitlines()


def test_units_are_characters_with_their_punctuation():
    assert [w for _, _, w in words("卷积核（k）的输出，stride 2。")] == \
        ["卷", "积", "核", "（k）", "的", "输", "出，", "stride ", "2。"]


def test_latin_words_still_break_at_spaces_only():
    assert _lines("the quick brown fox jumps over the lazy dog", 20) == ["the quick brown fox", "jumps over the lazy",
                                                                         "dog"]


@pytest.mark.parametrize("width", [50, 100])
def test_every_chinese_explanation_fills_its_lines_and_keeps_punctuation_attached(width):
    catalog = load_catalog()
    texts = [q.explanation.get("zh") for q in catalog.questions.values() if hasattr(q, "explanation")]
    texts += [q.prompt.get("zh") for q in catalog.questions.values()]
    paragraphs = [p for text in texts if "```" not in text for p in text.split("\n")]
    for paragraph in random.Random(0).sample(paragraphs, 200):
        lines = _lines(paragraph, width)
        for line, following in zip(lines, lines[1:]):
            if not line or not following:
                continue
            assert following[0] not in CLOSING, (line, following)
            assert line[-1] not in OPENING, (line, following)
            if _CJK.match(following):  # the line broke before a Chinese character: only a unit's width is left
                assert cell_len(line) >= width - 5, (width, line, following)


@pytest.mark.parametrize("width", [50, 100])
def test_a_chinese_question_screen_matches_its_snapshot(width, monkeypatch):
    monkeypatch.chdir(BANKS.parent)  # the screen names the bank file as given: relative, the same on every machine
    out = console(width)
    catalog = load_catalog([Path("banks/good")], bundled=False)
    print_question(out, catalog, catalog.question("starter-formula"), "zh", seed=0)
    assert_snapshot(f"show-zh-{width}.txt", screen(out))


def test_a_run_of_chinese_longer_than_a_line_is_folded_at_the_width():
    assert [cell_len(line) for line in _lines("深" * 60, 50)] == [50, 50, 20]
    assert [line.plain for line in Text("一二三，四").wrap(console(7), 7)] == ["一二", "三，四"]  # not "，四"
