"""Explain questions and mock interviews in a real pseudo-terminal, driven as a learner would."""

import os
import re
import sys

import pexpect
import pytest

from conftest import BANKS
from quizdl.progress.schedule import Rating
from quizdl.progress.store import Store

pytestmark = pytest.mark.slow
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROMPT = "› "


def spawn(args, home, lang="en"):
    env = {**os.environ, "QUIZDL_HOME": str(home), "QUIZDL_LANG": lang, "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "40"}
    env.pop("NO_COLOR", None)
    return pexpect.spawn(sys.executable, ["-m", "quizdl", *args], env=env, encoding="utf-8", timeout=30,
                         dimensions=(40, 100))


def screen(child) -> str:
    return ANSI.sub("", child.before)


def test_an_explain_question_through_its_checklist(tmp_path):
    child = spawn(["practice", "--bank", str(BANKS / "explain"), "--topic", "explain-sample", "--seed", "1",
                   "-n", "1"], tmp_path)
    child.expect("What does dropout do at test time")
    child.expect("Finish with an empty line")
    child.expect_exact(PROMPT)
    child.sendline("Nothing is dropped at test time.")
    child.sendline("")  # a blank line inside the answer would end it: the answer is one paragraph here
    child.expect("Model answer")
    child.expect("Key points")
    child.expect("Enter when done")
    assert screen(child).count("[ ]") == 4
    child.expect_exact(PROMPT)
    child.sendline("1")
    child.expect_exact(PROMPT)
    assert re.search(r"\[x\] 1\. no unit is dropped", screen(child))
    child.sendline("24")  # two points at once
    child.expect_exact(PROMPT)
    child.sendline("4")  # untick
    child.expect_exact(PROMPT)
    child.sendline("")
    child.expect("Covered 2 of 4 key points: Hard")
    child.expect_exact(PROMPT)
    child.sendline("")  # accept the suggested rating
    child.expect("Session summary")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store.in_dir(tmp_path) as store:
        (past,) = store.answers("sample-dropout-explain")
    assert (past.answer, past.covered, past.rating) == ("Nothing is dropped at test time.", [1, 2], Rating.HARD)


def test_ctrl_d_ends_a_multi_line_answer_and_the_rating_can_be_overridden(tmp_path):
    child = spawn(["practice", "--bank", str(BANKS / "explain"), "--topic", "explain-sample", "--seed", "1",
                   "-n", "1"], tmp_path, lang="zh")
    child.expect("空一行")
    child.expect_exact(PROMPT)
    child.sendline("测试时不丢弃。")
    child.sendline("训练时除以保留概率。")
    child.sendeof()
    child.expect("参考答案")
    child.expect_exact(PROMPT)
    child.sendline("")  # nothing ticked
    child.expect("覆盖了 4 个要点中的 0 个：忘了")
    child.expect_exact(PROMPT)
    child.sendline("2")  # the learner overrides: Hard
    child.expect("本次练习小结")
    child.expect(pexpect.EOF)
    child.close()
    with Store.in_dir(tmp_path) as store:
        (past,) = store.answers("sample-dropout-explain")
    assert (past.answer, past.covered, past.rating) == ("测试时不丢弃。\n训练时除以保留概率。", [], Rating.HARD)


def test_a_three_question_mock_runs_to_its_report(tmp_path):
    report = tmp_path / "mock.md"
    child = spawn(["mock", "--bank", str(BANKS / "good"), "--bank", str(BANKS / "explain"), "--topic", "starter",
                   "--topic", "explain-sample", "--minutes", "5", "--seed", "3", "--report", str(report),
                   "--workspace", str(tmp_path / "ws")], tmp_path)
    child.expect("Mock interview · 5 min · 3 questions: 1 concept, 2 explain, 0 exercise")
    child.expect(r"⏱ 0[45]:\d\d left")  # the countdown, above every question
    child.expect("1/3 · Concept questions")
    child.expect_exact(PROMPT)
    question = screen(child)
    child.sendline("A" if " A. " in question else "16")
    child.expect(r"⏱ 0[45]:\d\d left")
    child.expect("2/3 · Explain")
    assert "Correct" not in screen(child) and "Not quite" not in screen(child)  # no feedback until the end
    child.expect("Finish with an empty line")
    child.expect_exact(PROMPT)
    child.sendline("The first line of my answer,")
    child.sendline("and the second.")
    child.sendline("")
    child.expect("3/3 · Explain")
    child.expect_exact(PROMPT)
    child.sendline("s")  # skipped
    child.expect("Check your answers")
    child.expect("The first line of my answer,")
    child.expect("Key points")
    child.expect_exact(PROMPT)
    child.sendline("1")
    child.expect_exact(PROMPT)
    child.sendline("")
    child.expect(r"Covered 1 of \d key points")
    child.expect_exact(PROMPT)
    child.sendline("")
    child.expect("Mock interview report")
    child.expect("Concept questions")
    child.expect("skipped")
    child.expect("Work on these next")
    child.expect("quizdl practice --topic explain-sample")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "and the second." in report.read_text(encoding="utf-8")
    with Store.in_dir(tmp_path) as store:
        assert len(store.mocks()) == 1
        assert len(store.reviews()) == 2  # the concept answer and the explain one; the skipped question none
