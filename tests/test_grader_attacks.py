"""A determined learner against the grader: every way found to pass without implementing, to damage,
to hang or to escape must fail, leave the learner's data and quizdl itself byte-for-byte unchanged, and
leave no process behind.

The submissions are real files graded against the softmax exercise (a stochastic one where noted); each
names the paths an attacker would go for, as the real ones on this machine.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import quizdl
from quizdl.bank.catalog import load_catalog
from quizdl.grader import sandbox
from quizdl.grader.judge import grade, outcomes_here, solution_path
from quizdl.grader.runner import import_file
from quizdl.grader.sandbox import Limits
from quizdl.grader.spec import reseeded
from quizdl.paths import content_dir, solutions_dir
from sandbox_processes import assert_gone, assert_sandbox_is_idle, sandbox_namespaces

pytestmark = pytest.mark.slow
PACKAGE = Path(quizdl.__file__).resolve().parent
WRONG = "import numpy as np\ndef softmax(x, axis=-1):\n    return np.zeros_like(x)\n"


def _tree_digest(*roots: Path) -> str:
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def softmax():
    return load_catalog().question("softmax")


@pytest.fixture
def home(isolated_home):
    """A learner's data folder with progress and a cache worth destroying."""
    (isolated_home / "cache").mkdir(parents=True)
    (isolated_home / "progress.sqlite3").write_bytes(b"SQLite format 3\0" + os.urandom(4096))
    (isolated_home / "cache" / "banks.pickle").write_bytes(os.urandom(1024))
    return isolated_home


def _attacks(home: Path) -> dict[str, str]:
    judge_file = PACKAGE / "grader" / "judge.py"
    return {
        "the reference from sys.modules": """
            import sys
            refs = [m for name, m in list(sys.modules.items()) if 'reference' in name or 'solution' in name]
            softmax = refs[0].softmax
        """,
        "the reference from solutions/ through the package": f"""
            import glob, importlib.util, os
            places = [{str(solutions_dir() / 'softmax.py')!r}, {str(PACKAGE / '_solutions' / 'softmax.py')!r}]
            try:
                import quizdl
                places += glob.glob(os.path.join(os.path.dirname(quizdl.__file__ or '.'), '**', 'softmax.py'),
                                    recursive=True)
            except Exception:
                pass
            found = next(p for p in places if os.path.exists(p))
            spec = importlib.util.spec_from_file_location('ref', found)
            ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)
            softmax = ref.softmax
        """,
        "the judge's stack frames and heap": """
            import gc, sys
            import numpy as np
            def softmax(x, axis=-1):
                frame = sys._getframe()
                while frame is not None:
                    for value in frame.f_locals.values():
                        if hasattr(value, 'softmax') and getattr(value, '__name__', '').startswith('quizdl_ref'):
                            return value.softmax(x, axis)
                    frame = frame.f_back
                for o in gc.get_objects():
                    if getattr(o, '__name__', '').startswith('quizdl_reference'):
                        return o.softmax(x, axis)
                return np.zeros_like(x)
        """,
        "waiting for expected values beside its folder": """
            import glob, os, time
            import numpy as np
            def softmax(x, axis=-1):
                for _ in range(20):
                    for path in glob.glob('../**/*.np[yz]', recursive=True) + glob.glob('/tmp/**/*.np[yz]',
                                                                                       recursive=True):
                        data = np.load(path)
                        if getattr(data, 'shape', None) == x.shape:
                            return data
                    time.sleep(0.01)
                return np.zeros_like(x)
        """,
        "forged result frames, then os._exit(0)": """
            import json, os, struct
            def frame(kind, payload):
                return struct.pack('>cI', kind, len(payload)) + payload
            lie = json.dumps({'imported': True}).encode()
            lies = [json.dumps({'check': k, 'call': 0, 'trial': 0, 'passed': True,
                                'returned': {'py': 'bool', 'value': True}, 'args_after': []}).encode()
                    for k in range(40)]
            for fd in range(3, 64):
                try:
                    os.write(fd, frame(b'J', lie) + b''.join(frame(b'J', l) for l in lies))
                except OSError:
                    pass
            print('{"exercise": "softmax", "passed": true, "checks": []}')
            os._exit(0)
        """,
        "patching the runner in its own process": """
            import sys
            import numpy as np
            runner = sys.modules['__main__']
            protocol = sys.modules.get('protocol')
            runner.aliases = lambda *a, **k: []
            runner.describe_error = lambda *a, **k: {'types': ['Passed'], 'message': 'ok', 'traceback': ''}
            if protocol is not None:
                protocol.write_message.__globals__['json'].dumps = lambda *a, **k: '{"passed": true}'
            def softmax(x, axis=-1):
                return np.zeros_like(x)
        """,
        "truncating the progress database": f"""
            for path in [{str(home / 'progress.sqlite3')!r}]:
                try:
                    open(path, 'wb').close()
                except OSError:
                    pass
            softmax = None
        """,
        "poisoning the bank cache": f"""
            import os
            for folder in [{str(home / 'cache')!r}]:
                try:
                    os.makedirs(folder, exist_ok=True)
                    open(os.path.join(folder, 'banks.pickle'), 'wb').write(b'poison')
                except OSError:
                    pass
            softmax = None
        """,
        "appending to the installed judge": f"""
            for path in [{str(judge_file)!r}, {str(PACKAGE / 'grader' / 'compare.py')!r}]:
                try:
                    open(path, 'a').write('\\nPASS = True\\n')
                except OSError:
                    pass
            softmax = None
        """,
        "reading and writing the judge's memory": f"""
            import os
            for pid in [{os.getpid()}, os.getppid(), 1]:
                try:
                    with open(f'/proc/{{pid}}/mem', 'r+b') as mem:
                        mem.seek(0x400000); mem.write(b'\\0' * 16)
                except OSError:
                    pass
            softmax = None
        """,
        "writing anywhere the user can": f"""
            import os
            for path in [{str(Path.home() / 'quizdl-was-here')!r}, '/tmp/../quizdl-was-here',
                         {str(content_dir() / 'quizdl-was-here')!r}, '/etc/quizdl-was-here',
                         {str(Path(sys.prefix) / 'quizdl-was-here')!r}]:
                try:
                    open(path, 'w').write('x')
                except OSError:
                    pass
            softmax = None
        """,
        "stopping or killing the judge": f"""
            import os, signal
            for pid in [{os.getpid()}, os.getppid(), 1]:
                for sig in (signal.SIGSTOP, signal.SIGKILL):
                    try:
                        os.kill(pid, sig)
                    except OSError:
                        pass
            softmax = None
        """,
        "a FIFO in place of its output": """
            import os
            os.mkfifo('out.fifo')
            fd = os.open('out.fifo', os.O_RDWR)
            os.dup2(fd, 1); os.dup2(fd, 2)
            def softmax(x, axis=-1):
                while True:
                    pass
        """,
        "a double fork with setsid": """
            import os, time
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    time.sleep(300)
                os._exit(0)
            softmax = None
        """,
        "the network": """
            import socket
            s = socket.create_connection(('127.0.0.1', 22), timeout=1)
            softmax = None
        """,
    }


def _write(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / ("".join(c if c.isalnum() else "_" for c in name)[:40] + ".py")
    path.write_text(textwrap.dedent(source))
    return path


@pytest.mark.parametrize("name", list(_attacks(Path("/nonexistent"))))
def test_an_attack_fails_and_changes_nothing(name, softmax, home, tmp_path):
    if sandbox.isolation().level != "full":
        pytest.skip(f"no namespaces here: {sandbox.isolation().reason}")
    before = _tree_digest(home, PACKAGE, content_dir(), solutions_dir())
    path = _write(tmp_path, name, _attacks(home)[name])
    started = time.monotonic()
    report = grade(softmax, path, Limits(timeout=3))
    assert not report.passed, report.to_json()
    assert time.monotonic() - started < 8
    assert _tree_digest(home, PACKAGE, content_dir(), solutions_dir()) == before
    assert not (Path.home() / "quizdl-was-here").exists() and not Path("/quizdl-was-here").exists()
    assert_sandbox_is_idle()
    assert report.isolation == "full"


def test_a_lookup_table_fails_on_fresh_inputs(softmax, tmp_path):
    """Inputs change with every grade: answers recorded for one grade's inputs are wrong for the next."""
    reference = import_file(solution_path(softmax), "reference_for_table")
    table = {}
    for check in reseeded(softmax.checks, 12345):
        if check.compare:
            from quizdl.grader.values import build

            for call, (outcome, *_) in zip(check.all_calls, outcomes_here(reference, check.all_calls)):
                table[build(call.args[0]).tobytes()] = outcome.returned.data
    path = tmp_path / "table.py"
    np_table = {k.hex(): v.tolist() for k, v in table.items()}
    path.write_text(f"import numpy as np\nTABLE = {np_table!r}\n"
                    "def softmax(x, axis=-1):\n"
                    "    return np.array(TABLE.get(x.tobytes().hex(), np.zeros_like(x)), dtype=x.dtype)\n")
    assert [c.name for c in grade(softmax, path, seed=12345).checks if not c.passed] == \
        [c.name for c in grade(softmax, solution_path(softmax), seed=12345).checks if not c.passed]
    fresh = grade(softmax, path)
    assert fresh.seed != 12345 and not fresh.passed


def test_every_grade_draws_its_own_seed(softmax):
    seeds = {grade(softmax, solution_path(softmax)).seed for _ in range(3)}
    assert len(seeds) == 3


def test_a_killed_judge_takes_the_sandbox_with_it(tmp_path):
    """SIGKILL of the judge (or a closed terminal) while the submission sleeps: nothing of it is left."""
    path = tmp_path / "sleeper.py"
    path.write_text("import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(300)\n"
                    "def softmax(x, axis=-1):\n    time.sleep(300)\n")
    judge = subprocess.Popen([sys.executable, "-m", "quizdl", "grade", "softmax", str(path), "--timeout", "120"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    namespaces = _wait_for_sandbox(judge.pid)
    judge.kill()
    judge.wait()
    assert_gone(namespaces)


def test_closing_the_terminal_ends_the_grade(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "sleeper.py"
    path.write_text("import time\ndef softmax(x, axis=-1):\n    while True:\n        time.sleep(1)\n")
    child = pexpect.spawn(sys.executable, ["-m", "quizdl", "grade", "softmax", str(path), "--timeout", "120"])
    namespaces = _wait_for_sandbox(child.pid)
    child.close(force=False)  # the terminal goes away: SIGHUP
    if child.isalive():
        child.kill(signal.SIGHUP)
    assert_gone(namespaces, within=2.0)


def _wait_for_sandbox(judge: int) -> set[str]:
    """The namespace of the sandbox a judge subprocess started, once its submission runs."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if (new := sandbox_namespaces(judge)):
            time.sleep(1.5)  # the child is forked and sleeping
            return new
        time.sleep(0.05)
    raise AssertionError("the judge started no sandbox")


def test_the_reduced_sandbox_still_grades_in_a_fresh_interpreter(softmax, tmp_path, monkeypatch):
    """Without namespaces: a process of its own (no fork of the judge), said in the report."""
    sandbox.shutdown()
    monkeypatch.setenv("QUIZDL_SANDBOX", "reduced")
    try:
        path = _write(tmp_path, "sys.modules", _attacks(tmp_path)["the reference from sys.modules"])
        report = grade(softmax, path)
        assert report.isolation == "reduced" and not report.passed
        assert '"isolation": "reduced"' in report.to_json()
        assert grade(softmax, solution_path(softmax)).passed
        hang = tmp_path / "hang.py"
        hang.write_text("def softmax(x, axis=-1):\n    while True:\n        pass\n")
        started = time.monotonic()
        assert not grade(softmax, hang, Limits(timeout=1)).passed
        assert time.monotonic() - started < 5
    finally:
        sandbox.shutdown()


def test_a_bwrap_that_cannot_start_falls_back_to_reduced_and_says_why(softmax, monkeypatch):
    sandbox.shutdown()
    monkeypatch.setattr(sandbox, "_bwrap_binaries", lambda: ["/bin/false"])
    monkeypatch.setattr(sandbox, "_failed", {})
    try:
        level = sandbox.isolation()
        assert level.level == "reduced" and "/bin/false" in level.reason
        report = grade(softmax, solution_path(softmax))
        assert report.passed and report.isolation == "reduced"
    finally:
        sandbox.shutdown()
