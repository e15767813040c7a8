"""`list`, `topics`, `stats` and `exercise list` at 50, 80 and 120 columns: snapshots, and the rules.

Rules: nothing is wider than the terminal, the narrow columns (ids, kinds, numbers) are never cut,
and under 60 columns every row is a stacked card. The catalogue is the test bank plus two exercise
files, so the snapshots change only when these screens do (tests/snapshot.py says how to rewrite them).
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import BANKS, NOW
from quizdl.bank.catalog import load_catalog
from quizdl.paths import content_dir
from quizdl.progress.schedule import Rating, Scheduler
from quizdl.progress.store import Store
from quizdl.ui.browse import print_questions, print_topics
from quizdl.ui.grade import print_exercises
from quizdl.ui.stats import print_stats
from snapshot import assert_snapshot, console, screen

WIDTHS = (50, 80, 120)
CATALOG = load_catalog([BANKS / "good", content_dir() / "exercises" / "dropout.yaml",
                        content_dir() / "exercises" / "cbam.yaml"], bundled=False)


def _stats(out, lang: str) -> None:
    with Store(":memory:") as store:
        for days, (qid, rating, correct) in enumerate([("starter-stride2", Rating.GOOD, True),
                                                       ("starter-formula", Rating.AGAIN, False),
                                                       ("starter-same-padding", Rating.HARD, None)]):
            store.record(qid, rating, NOW - timedelta(days=days), Scheduler(), correct=correct)
        print_stats(out, CATALOG, store, NOW, lang)


SCREENS: dict[str, Callable] = {
    "list": lambda out, lang: print_questions(out, CATALOG, CATALOG.select_entries(), lang),
    "topics": lambda out, lang: print_topics(out, CATALOG, lang),
    "stats": _stats,
    "exercise-list": lambda out, lang: print_exercises(out, CATALOG, CATALOG.select(None, ["code"]), lang),
}


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """The heatmap's days are local days: fix the zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _render(name: str, lang: str, width: int) -> str:
    out = console(width)
    SCREENS[name](out, lang)
    return screen(out)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_screen_matches_its_snapshot(name, lang, width):
    assert_snapshot(f"{name}-{lang}-{width}.txt", _render(name, lang, width))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_fits_the_width_and_never_cuts_a_narrow_column(name, lang, width):
    text = _render(name, lang, width)
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    shown = {"list": list(CATALOG.questions), "topics": CATALOG.topics(), "stats": [],
             "exercise-list": [q.id for q in CATALOG.select(None, ["code"])]}[name]
    for word in shown:
        assert any(word in line.replace("│", " ").split() for line in lines), (word, text)
    for line in lines:
        narrow = line.split("│")[:-1] if "│" in line else line.split(" · ")[:-1] if line.startswith("  ") else []
        assert not any("…" in cell for cell in narrow), line  # only a title is ever cut


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_under_60_columns_rows_are_stacked_cards(name):
    text = _render(name, "en", 50)
    assert "│" not in text and "━" not in text
    assert re.search(r"^\S.*\n  \S", text, re.M)


def test_at_80_columns_titles_take_the_slack():
    text = _render("list", "en", 80)
    header = text.splitlines()[0]
    assert header.split()[0] == "id" and header.split()[-1] == "title"
    widest = max(cell_len(line) for line in text.splitlines())
    assert widest >= 78  # the title column fills the line instead of leaving it empty


def test_list_at_80_columns_drops_topic_and_difficulty_before_stacking():
    long = load_catalog([BANKS / "good"], bundled=False)
    entries = long.select_entries()
    entries = [entries[0]._replace(id="a-question-id-forty-four-characters-long-xx")] + entries[1:]
    out = console(80)
    print_questions(out, long, entries, "en")
    header = screen(out).splitlines()[0].split()
    assert header == ["id", "kind", "title"]
