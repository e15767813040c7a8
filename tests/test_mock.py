"""The mock interview without a terminal: weakness, the draw, the clock, scores, reviews, history, Markdown."""

import dataclasses
import random
from collections import Counter
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from conftest import BANKS, NOW
from quizdl.bank.catalog import load_catalog
from quizdl.cli import app
from quizdl.practice import mock
from quizdl.practice.session import Session
from quizdl.progress.schedule import Rating, Scheduler
from quizdl.progress.store import Store

FIXED = Scheduler(fuzz=False)


@pytest.fixture
def catalog():
    return load_catalog([BANKS / "good", BANKS / "explain"], bundled=False)


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_mastered_topic_is_strong_and_an_unseen_one_weak(catalog):
    store = Store(":memory:")
    starter = catalog.select(["starter"])
    for question in starter:
        store.record(question.id, Rating.GOOD, NOW - timedelta(days=1), FIXED)
    weakness = mock.topic_weakness(list(catalog.questions.values()), store.cards(), store.reviews(), NOW, FIXED)
    retrievability = sum(FIXED.retrievability(store.card(q.id), NOW) for q in starter) / len(starter)
    assert weakness["starter"] == pytest.approx(1 - (retrievability + 1.0) / 2)
    assert weakness["starter"] < 0.1
    assert weakness["explain-sample"] == 1.0


def test_a_wrong_answer_makes_a_topic_weaker():
    catalog = load_catalog([BANKS / "good"], bundled=False)
    questions = list(catalog.questions.values())
    right, wrong = Store(":memory:"), Store(":memory:")
    right.record("starter-stride2", Rating.GOOD, NOW, FIXED, correct=True)
    wrong.record("starter-stride2", Rating.AGAIN, NOW, FIXED, correct=False)
    strong = mock.topic_weakness(questions, right.cards(), right.reviews(), NOW, FIXED)["starter"]
    weak = mock.topic_weakness(questions, wrong.cards(), wrong.reviews(), NOW, FIXED)["starter"]
    assert weak > strong


@pytest.mark.parametrize(("minutes", "available", "sizes"), [
    (45, {"concept": 50, "explain": 9, "exercise": 4}, {"concept": 8, "explain": 3, "exercise": 1}),
    (30, {"concept": 50, "explain": 9, "exercise": 4}, {"concept": 2, "explain": 2, "exercise": 1}),
    (5, {"concept": 3, "explain": 2}, {"concept": 1, "explain": 2, "exercise": 0}),
    (45, {"concept": 4, "explain": 1, "exercise": 0}, {"concept": 4, "explain": 1, "exercise": 0}),
])
def test_the_sections_fill_the_minutes(minutes, available, sizes):
    assert mock.section_sizes(minutes, available) == sizes


def test_weak_topics_are_drawn_more_often(catalog):
    questions = [q for q in catalog.questions.values() if q.kind == "explain"]  # one of each of two topics
    strong, weak = questions[0].topic, "other"
    other = dataclasses.replace(questions[1], topic=weak)
    drawn = Counter()
    for seed in range(400):
        (first, *_rest) = mock.draw([questions[0], other], {strong: 0.0, weak: 1.0}, 5, random.Random(seed))
        drawn[first.topic] += 1
    assert drawn[weak] > 2.5 * drawn[strong]  # weights 4 : 1, so the weak one comes first 80% of the time


def test_the_draw_keeps_the_sections_in_order_and_depends_on_the_seed(catalog):
    questions = list(catalog.questions.values())
    first = mock.draw(questions, {}, 5, random.Random(7))
    assert [mock.section_of(q) for q in first] == ["concept", "explain", "explain"]
    assert first == mock.draw(questions, {}, 5, random.Random(7))
    assert {q.kind for q in first} <= {"choice", "numeric", "template", "explain"}


def run_mock(catalog, store, clock):
    session = Session(catalog, store, FIXED, [], lang="en", rng=random.Random(3), clock=lambda: NOW)
    return mock.start(list(catalog.questions.values()), session, minutes=5, topics=None, seed=3,
                      rng=random.Random(3), now=NOW, clock=clock)


def test_answers_skips_and_the_check_at_the_end_make_the_report_and_the_reviews(catalog):
    store, clock = Store(":memory:"), Clock()
    run = run_mock(catalog, store, clock)
    concept, first_explain, second_explain = range(3)
    instance = run.instances[concept]
    right = "".join(sorted(instance.right_letters)) if instance.options else str(instance.expected)
    run.begin()
    clock.now += 30
    run.answer(concept, right)
    run.begin()
    clock.now += 120
    run.typed(first_explain, "my words")
    run.begin()
    clock.now += 10
    run.skip(second_explain)
    assert run.time_left() == pytest.approx(300 - 160)
    assert len(store.reviews()) == 1  # the concept answer is saved at once; nothing was shown
    points = len(run.items[first_explain].points)
    run.judge_explain(first_explain, {1}, Rating.AGAIN)
    report = run.report()
    assert [i.seconds for i in report.items] == [30, 120, 10]
    assert [i.score for i in report.items] == [1.0, 1 / points, 0.0]
    assert report.items[second_explain].skipped and not report.items[concept].skipped
    assert report.score == pytest.approx((1 + 1 / points) / 3)
    sections = {s.name: (s.points, s.count) for s in report.section_scores()}
    assert sections == {"concept": (1.0, 1), "explain": (1 / points, 2)}
    topics = {s.name: s.share for s in report.topic_scores()}
    assert topics["explain-sample"] == pytest.approx(1 / points / 2) and topics["starter"] == 1.0
    assert report.weakest() == ["explain-sample", "starter"]
    reviews = store.reviews()
    assert [r.question_id for r in reviews] == [run.items[concept].question_id, run.items[first_explain].question_id]
    (past,) = store.answers(run.items[first_explain].question_id)
    assert (past.answer, past.covered, past.rating) == ("my words", [1], Rating.AGAIN)
    assert mock.MockReport.from_json(report.to_json()) == report


def test_a_choice_answer_is_reported_with_its_option_text(catalog):
    store, clock = Store(":memory:"), Clock()
    session = Session(catalog, store, FIXED, [], lang="en", rng=random.Random(0), clock=lambda: NOW)
    run = mock.Mock(session, [catalog.question("starter-formula")], 5, clock=clock)
    run.begin()
    run.answer(0, "b")
    assert run.items[0].response == f"B. {run.instances[0].options[1][1]}"


def test_the_sparkline_has_a_fixed_scale():
    assert mock.sparkline([0.0, 0.5, 1.0]) == "▁▅█"
    assert mock.sparkline([0.2, 0.2]) == "▂▂"


def test_history_shows_the_trend_and_report_writes_markdown(catalog, tmp_path):
    runner = CliRunner()
    with Store(tmp_path / "progress.sqlite3") as store:
        for score, minute in ((0.25, 0), (0.5, 1), (1.0, 2)):
            report = mock.MockReport(f"m{minute}", (NOW + timedelta(days=minute)).isoformat(), 45, 2000.0, "en",
                                     [], None, [], {})
            store.save_mock(report.id, NOW + timedelta(days=minute), score, report.to_json())
    result = runner.invoke(app, ["mock", "--history", "--data-dir", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0 and "Mock interviews" in result.output
    empty = runner.invoke(app, ["mock", "--history", "--data-dir", str(tmp_path / "none"), "--lang", "zh"])
    assert "还没有模拟面试记录" in empty.output
    out = tmp_path / "report.md"
    args = ["mock", "--bank", str(BANKS / "good"), "--bank", str(BANKS / "explain"), "--topic", "starter",
            "--topic", "explain-sample", "--minutes", "5", "--seed", "3", "--report", str(out),
            "--data-dir", str(tmp_path)]
    result = runner.invoke(app, args, input="s\nfirst answer\n\nsecond answer\n\n1\n\n\n\n\n",
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith("# Mock interview report")
    assert "| Concept questions | 1 | 0% |" in markdown
    assert "first answer" in markdown and "second answer" in markdown
    assert "`quizdl practice --topic starter`" in markdown
    history = runner.invoke(app, ["mock", "--history", "--data-dir", str(tmp_path)], catch_exceptions=False).output
    trend = history.splitlines()[0]
    assert trend.startswith("Mock interviews · Trend ▃▅█")  # the three stored reports, then this one
    assert len(trend.split()[4]) == 4 and trend.endswith("25% → 11%")  # 1 point of 3, over 3 questions


def test_a_report_in_a_missing_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["mock", "--report", str(tmp_path / "no" / "r.md")])
    assert result.exit_code == 2 and "no such folder" in result.output


def test_when_the_time_is_up_the_questions_stop_and_the_report_follows(catalog):
    import io

    from rich.console import Console

    from quizdl.ui.mock import MockUI, print_report

    store, clock = Store(":memory:"), Clock()
    run = run_mock(catalog, store, clock)

    def ask(prompt):
        clock.now += 301  # the first question takes all the time
        return "s"

    console = Console(file=io.StringIO(), width=100)
    report = MockUI(run, catalog, console, ask=ask).run()
    print_report(console, report, catalog)
    out = console.file.getvalue()
    assert "⏱ 05:00 left" in out and "Time is up." in out
    assert "2/3" not in out  # no second question was shown
    assert report.timed_out and all(item.skipped for item in report.items) and report.score == 0
    assert store.reviews() == []
