"""`quizdl practice` in a real pseudo-terminal: answer right and wrong, Ctrl-C, answers kept."""

import os
import re
import sys

import pexpect
import pytest

from conftest import BANKS
from quizdl.progress.store import Store

pytestmark = pytest.mark.slow
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROMPT = "› "


def screen(child) -> str:
    return ANSI.sub("", child.before)


def right_letter(text: str) -> str:
    for letter, option in re.findall(r"^\s+([A-D])\. (.+)$", text, re.M):
        if option.startswith("⌊") and option.rstrip().endswith("- 1)/s⌋ + 1"):
            return letter
    raise AssertionError(f"no right option in:\n{text}")


def test_practice_in_a_terminal_keeps_answers_after_ctrl_c(tmp_path):
    env = {**os.environ, "QUIZDL_HOME": str(tmp_path), "QUIZDL_LANG": "en", "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "40"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizdl", "practice", "--bank", str(BANKS / "good"), "--topic", "starter",
         "--kind", "choice", "--kind", "numeric", "--kind", "template", "--seed", "4"],
        env=env, encoding="utf-8", timeout=30, dimensions=(40, 100),
    )
    answered = []
    for wanted in ("right", "wrong"):
        child.expect_exact(PROMPT)
        text = screen(child)
        if "A. " in text:
            letter = right_letter(text)
            child.sendline(letter if wanted == "right" else next(x for x in "ABCD" if x != letter))
            answered.append(("starter-formula", wanted == "right"))
        else:
            assert "3×3 conv with stride 2" in text
            child.sendline("16" if wanted == "right" else "15")
            answered.append(("starter-stride2", wanted == "right"))
        child.expect("Correct" if wanted == "right" else "Not quite")
        child.expect_exact(PROMPT)
        child.sendline("")
    child.expect_exact(PROMPT)  # the third question is on screen
    assert "What side length does nn.Conv2d output?" in screen(child)
    child.sendintr()
    child.expect("Session summary")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store.in_dir(tmp_path) as store:
        assert [(r.question_id, r.correct) for r in store.reviews()] == answered


def test_ctrl_c_during_a_slow_grade_cancels_it_and_a_second_one_quits(tmp_path):
    from quizdl.bank.catalog import load_catalog
    from sandbox_processes import assert_gone, sandbox_namespaces

    workspace = tmp_path / "ws"
    workspace.mkdir()
    for exercise in load_catalog().select(["softmax-sigmoid"], ["code"]):
        (workspace / exercise.file).write_text("import time\nwhile True:\n    time.sleep(0.1)\n")
    env = {**os.environ, "QUIZDL_HOME": str(tmp_path / "home"), "QUIZDL_LANG": "en", "TERM": "xterm-256color",
           "COLUMNS": "100", "LINES": "40"}
    child = pexpect.spawn(sys.executable, ["-m", "quizdl", "practice", "--kind", "code", "--topic", "softmax-sigmoid",
                                           "--workspace", str(workspace), "-n", "1"],
                          env=env, encoding="utf-8", timeout=60, dimensions=(40, 100))
    child.expect_exact(PROMPT)
    child.sendline("")  # grade: the file never finishes importing
    child.expect("grading")
    namespaces = set()
    for _ in range(100):
        if namespaces := sandbox_namespaces(child.pid):
            break
        child.expect([pexpect.TIMEOUT], timeout=0.1)
    child.sendintr()
    child.expect("Grading cancelled")
    child.expect_exact(PROMPT)  # back at the exercise's menu
    assert_gone(namespaces, within=2.0)
    child.sendintr()
    child.expect("No question answered")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_chinese_session_in_a_terminal_speaks_chinese_and_takes_ime_punctuation(tmp_path):
    from english_words import english_words, zh_words

    env = {**os.environ, "QUIZDL_HOME": str(tmp_path), "QUIZDL_LANG": "zh", "TERM": "xterm-256color",
           "COLUMNS": "50", "LINES": "40"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizdl", "practice", "--bank", str(BANKS / "good"), "--topic", "starter",
         "--kind", "numeric", "--kind", "choice", "--seed", "4"],
        env=env, encoding="utf-8", timeout=30, dimensions=(40, 50),
    )
    screens = []
    child.expect_exact(PROMPT)
    screens.append(screen(child))
    assert "数值题 · 简单 · 新题" in screens[-1]
    child.sendline("128。x")  # not a number: said in Chinese, asked again
    child.expect("写法有误")
    child.expect_exact(PROMPT)
    child.sendline("16。")  # the right answer, with the full stop a Chinese input method leaves
    child.expect("正确")
    child.expect_exact(PROMPT)
    screens.append(screen(child))
    child.sendline("")
    child.expect_exact(PROMPT)
    screens.append(screen(child))
    assert "选择题 · 简单 · 新题" in screens[-1]
    letter = right_letter(screens[-1])
    child.sendline(f"{letter}，")  # a letter and a full-width comma
    child.expect("正确")
    child.expect_exact(PROMPT)
    screens.append(screen(child))
    child.sendintr()
    child.expect("本次练习小结")
    child.expect(pexpect.EOF)
    screens.append(ANSI.sub("", child.before))
    child.close()
    assert child.exitstatus == 0
    allowed = zh_words(BANKS / "good") | {"starter"}
    for text in screens:
        assert english_words(text, allowed) == [], text
    with Store.in_dir(tmp_path) as store:
        assert [(r.question_id, r.correct) for r in store.reviews()] == [("starter-stride2", True),
                                                                       ("starter-formula", True)]
