"""The `quizdl stats` heatmap reads without colour: a shade glyph per level, and a legend in the session language."""

import io
from collections import Counter
from datetime import date, timedelta

import pytest
from rich.console import Console

from quizdl.ui.stats import heatmap

TODAY = date(2024, 5, 15)  # a Wednesday
WEEKS = 16


def _plain(text, **console) -> str:
    out = io.StringIO()
    Console(file=out, width=100, **console).print(text)
    return out.getvalue()


def _cell(lines: list[str], day: date) -> str:
    """The glyph drawn for `day` (English layout: 4 columns of weekday name, 2 per week)."""
    start = TODAY - timedelta(days=TODAY.weekday() + 7 * (WEEKS - 1))
    week, weekday = divmod((day - start).days, 7)
    return lines[1 + weekday][4 + 2 * week]


@pytest.mark.parametrize("no_color", [True, False])
def test_each_level_has_its_own_glyph_without_colour(no_color, monkeypatch):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    counts = {TODAY - timedelta(days=n): n for n in range(9)}  # 0 to 8 reviews on the last nine days
    colour = {} if no_color else {"force_terminal": True, "color_system": "256"}
    lines = _plain(heatmap(Counter(counts), TODAY), **colour).splitlines()
    if no_color:
        assert "\x1b[" not in "\n".join(lines)
    else:
        assert "\x1b[38;5;" in "\n".join(lines)
        lines = [_strip_ansi(line) for line in lines]
    glyphs = {n: _cell(lines, day) for day, n in counts.items()}
    assert glyphs == {0: " ", 1: "░", 2: "░", 3: "▒", 4: "▒", 5: "▓", 6: "▓", 7: "█", 8: "█"}
    assert lines[-1].strip() == "reviews per day: blank 0, ░ 1–2, ▒ 3–4, ▓ 5–6, █ 7–8"


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_colour_is_kept_when_there_is_colour(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = _plain(heatmap(Counter({TODAY: 3}), TODAY), force_terminal=True, color_system="256")
    assert "\x1b[38;5;" in out and "▓" in out  # green, and the glyph as well


def test_a_few_reviews_a_day_each_count_its_own_shade():
    counts = {TODAY: 1, TODAY - timedelta(days=1): 2, TODAY - timedelta(days=2): 3, TODAY - timedelta(days=3): 4}
    lines = _plain(heatmap(Counter(counts), TODAY), no_color=True).splitlines()
    assert [_cell(lines, day) for day in counts] == list("░▒▓█")
    assert lines[-1].strip() == "reviews per day: blank 0, ░ 1, ▒ 2, ▓ 3, █ 4"


def test_the_legend_and_weekdays_speak_chinese_in_a_chinese_session():
    out = _plain(heatmap(Counter({TODAY: 8}), TODAY, lang="zh"), no_color=True)
    assert out.splitlines()[-1].strip() == "每天复习次数：空白 0 次，░ 1–2 次，▒ 3–4 次，▓ 5–6 次，█ 7–8 次"
    assert [line[0] for line in out.splitlines()[1:8]] == list("一二三四五六日")
    assert "5月" in out.splitlines()[0]
    assert not any(word in out for word in ("reviews", "less", "more", "Mo"))


def test_no_review_at_all_is_a_blank_grid_with_a_legend():
    lines = _plain(heatmap(Counter(), TODAY), no_color=True).splitlines()
    assert all(set(line[4:]) <= {" "} for line in lines[1:8])
    assert "blank 0" in lines[-1]
