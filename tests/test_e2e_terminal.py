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
