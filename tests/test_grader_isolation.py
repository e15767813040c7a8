"""Nothing a submission does can turn a failure into a pass, or hurt quizdl.

Each case is a real file graded against the softmax exercise: hangs, memory
bombs, exits, self-kills, patched comparisons and fake output all fail, fast.
"""

import dataclasses
import time

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.grader.judge import IMPORT_CHECK, grade
from quizdl.grader.sandbox import Limits
from sandbox_processes import assert_sandbox_is_idle

pytestmark = pytest.mark.slow

WRONG = """
import numpy as np
def softmax(x, axis=-1):
    return np.zeros_like(x)
"""

CASES = {
    "infinite loop": "def softmax(x, axis=-1):\n    while True:\n        pass\n",
    "infinite loop at import": "while True:\n    pass\n",
    "sleeps forever": "import time\ndef softmax(x, axis=-1):\n    time.sleep(1000)\n",
    "memory bomb": "def softmax(x, axis=-1):\n    hog = []\n    while True:\n        hog.append(bytearray(50 * 2**20))\n",
    "numpy memory bomb": "import numpy as np\ndef softmax(x, axis=-1):\n    return np.ones((1 << 40,))\n",
    "os._exit(0) at import": "import os\nos._exit(0)\n",
    "sys.exit(0) at import": "import sys\nsys.exit(0)\n",
    "os._exit(0) in the call": "import os\ndef softmax(x, axis=-1):\n    os._exit(0)\n",
    "sys.exit(0) in the call": "import sys\ndef softmax(x, axis=-1):\n    sys.exit(0)\n",
    "kills itself": "import os, signal\ndef softmax(x, axis=-1):\n    os.kill(os.getpid(), signal.SIGKILL)\n",
    "segfault": "import ctypes\ndef softmax(x, axis=-1):\n    ctypes.string_at(0)\n",
    "syntax error": "def softmax(x, axis=-1)\n    return x\n",
    "raises at import": "raise RuntimeError('boom')\n",
    "defines nothing": "x = 1\n",
    "patches numpy's comparisons": WRONG + (
        "np.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)\n"
        "np.array_equal = lambda *a, **k: True\nnp.testing.assert_allclose = lambda *a, **k: None\n"),
    "prints passed": WRONG + (
        'print(\'{"exercise": "softmax", "passed": true, "checks": []}\')\nprint("All checks pass. passed")\n'),
    "forges result lines": WRONG + (
        "import json, os\n"
        "with open('../results.jsonl', 'a') as f:\n"
        "    for k in range(20):\n"
        "        f.write(json.dumps({'check': k, 'call': 0, 'trial': 0, 'passed': True}) + '\\n')\n"),
    "floods stdout": "def softmax(x, axis=-1):\n    print('x' * 10_000_000)\n    return x\n",
}


@pytest.fixture(scope="module")
def softmax():
    return load_catalog().question("softmax")


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_or_broken_submissions_fail(name, softmax, tmp_path):
    path = tmp_path / "submission.py"
    path.write_text(CASES[name])
    started = time.monotonic()
    report = grade(softmax, path, Limits(timeout=3, memory_mb=512))
    elapsed = time.monotonic() - started
    assert not report.passed, report.to_json()
    assert any(not c.passed for c in report.checks if c.name != IMPORT_CHECK)
    assert elapsed < 10, f"{name} took {elapsed:.1f} s"


def test_a_hang_reports_the_timeout(softmax, tmp_path):
    path = tmp_path / "hang.py"
    path.write_text(CASES["infinite loop"])
    report = grade(softmax, path, Limits(timeout=1))
    assert "did not finish: timed out after 1 s" in report.checks[1].detail
    assert report.checks[2].detail == "not run: the process had ended"


def test_an_exit_at_import_is_named(softmax, tmp_path):
    path = tmp_path / "exit.py"
    path.write_text(CASES["sys.exit(0) at import"])
    report = grade(softmax, path)
    assert report.checks[0].name == IMPORT_CHECK and not report.checks[0].passed
    assert report.checks[0].detail.startswith("SystemExit")
    path.write_text(CASES["os._exit(0) at import"])
    detail = grade(softmax, path).checks[0].detail
    assert "exited with status 0" in detail and "importing" in detail


def test_a_memory_bomb_is_stopped_by_the_limit(softmax, tmp_path):
    path = tmp_path / "bomb.py"
    path.write_text(CASES["memory bomb"])
    detail = grade(softmax, path, Limits(timeout=10, memory_mb=256)).checks[1].detail
    assert "MemoryError" in detail or "memory limit" in detail


def test_a_syntax_error_points_at_the_line(softmax, tmp_path):
    path = tmp_path / "typo.py"
    path.write_text(CASES["syntax error"])
    detail = grade(softmax, path).checks[0].detail
    assert detail.startswith("SyntaxError") and "line 1" in detail


def test_output_is_captured_and_truncated(softmax, tmp_path):
    path = tmp_path / "loud.py"
    path.write_text(CASES["floods stdout"])
    report = grade(softmax, path)
    assert report.stdout.endswith("(output truncated)") and len(report.stdout) < 5000


def test_grandchildren_are_killed_with_the_submission(softmax, tmp_path):
    path = tmp_path / "spawner.py"
    path.write_text(
        "import subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
        "def softmax(x, axis=-1):\n    while True: pass\n"
    )
    grade(softmax, path, Limits(timeout=1))
    assert_sandbox_is_idle()


def test_the_submission_does_not_see_expected_values(softmax, tmp_path):
    """The child is no fork of the judge: no array equal to this call's expected output is in its memory
    (it computes the right answer itself only to know what to look for)."""
    path = tmp_path / "snoop.py"
    path.write_text(
        "import gc, sys\n"
        "import numpy as np\n"
        "def softmax(x, axis=-1):\n"
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    want = e / e.sum(axis=axis, keepdims=True)\n"
        "    for o in gc.get_objects():\n"
        "        data = getattr(o, 'data', None)\n"
        "        if isinstance(data, np.ndarray) and data.shape == want.shape and np.allclose(data, want):\n"
        "            sys.stderr.write('FOUND EXPECTED')\n"
        "    return np.zeros_like(x)\n"
    )
    report = grade(softmax, path)
    assert "FOUND EXPECTED" not in report.stderr and not report.passed


def test_the_judge_survives_and_grades_again(softmax, tmp_path):
    bomb = tmp_path / "bomb.py"
    bomb.write_text(CASES["kills itself"])
    assert not grade(softmax, bomb).passed
    good = tmp_path / "good.py"
    good.write_text(
        "import numpy as np\n"
        "def softmax(x, axis=-1):\n"
        "    z = np.exp(x - x.max(axis=axis, keepdims=True))\n"
        "    return z / z.sum(axis=axis, keepdims=True)\n"
    )
    assert grade(softmax, good).passed


def test_what_came_back_is_said_in_words(softmax, tmp_path):
    path = tmp_path / "generator.py"
    path.write_text("def softmax(x, axis=-1):\n    return (v for v in x)\n")
    detail = next(c.detail for c in grade(softmax, path).checks if not c.passed)
    assert "got a generator" in detail and "Opaque" not in detail
    closer = tmp_path / "closer.py"
    closer.write_text("import os\nfor fd in range(3, 64):\n    try:\n        os.close(fd)\n    except OSError:\n"
                      "        pass\ndef softmax(x, axis=-1):\n    return x\n")
    report = grade(softmax, closer)
    assert not report.passed and "status 71" not in report.to_json()


def test_a_returned_module_that_raises_on_its_probe_fails_that_check_and_the_rest_still_run(tmp_path):
    """The learner's code also runs after the call (a returned conv's forward on the probe): an exception there is
    that check's failure, said as such, not the end of the process."""
    fusion = load_catalog().question("conv-bn-fusion")
    path = tmp_path / "conv_bn_fusion.py"
    path.write_text(
        "import torch\nimport torch.nn as nn\n\n\ndef fuse_conv_bn(conv, bn):\n"
        "    fused = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, padding=conv.padding)\n"
        "    if conv.weight.dtype == torch.float64:\n"
        "        fused.forward = lambda x: 1 / 0\n"
        "    return fused\n", encoding="utf-8")
    report = grade(fusion, path)
    by_name = {c.name: c for c in report.checks}
    probe_failure = by_name["a float64 conv and BN fuse into a float64 conv"]
    assert not probe_failure.passed and "ZeroDivisionError" in probe_failure.detail
    assert "after the call returned" in probe_failure.detail
    assert by_name["conv and bn are not modified (parameters, buffers, training flag)"].passed


@pytest.mark.parametrize("body, passes", [
    ("    for p in parameters:\n        pass\n    return 0.0\n", True),
    ("    for p in parameters:\n        p.data.zero_()\n    return 0.0\n", False),
])
def test_unchanged_applies_to_the_items_of_a_generator_argument(tmp_path, body, passes):
    """`unchanged` on a one-shot iterator compares its items, not the spent generator."""
    from quizdl.grader.spec import Check

    clip = load_catalog().question("clip-grad-norm")
    check = Check.model_validate({"name": "grads untouched below max_norm", "unchanged": [0], "call": {
        "function": "clip_grad_norm_", "args": [{"iter": [
            {"tensor": {"shape": [3], "dtype": "float32", "seed": 1}, "grad": {"shape": [3], "dtype": "float32", "seed": 2}}]},
            1e9]}})
    path = tmp_path / "clip_grad_norm.py"
    path.write_text(f"def clip_grad_norm_(parameters, max_norm, norm_type=2.0):\n{body}", encoding="utf-8")
    report = grade(dataclasses.replace(clip, checks=[check], forbid=[]), path)
    result = report.checks[-1]
    assert result.name == "grads untouched below max_norm" and result.passed is passes, result.detail
