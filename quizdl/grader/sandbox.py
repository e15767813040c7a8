"""Running learner code in a process of its own, with limits, where it can only hurt itself.

The submission runs in a child forked from the judge, so torch is already
imported there and a re-grade costs milliseconds, not an import. The child
starts a new session (its own process group, killed as a whole on timeout, so
grandchildren die too), gets address-space, CPU-time, file-size and core-dump
limits, a temporary working directory, stdin from /dev/null and stdout/stderr
in files. Whatever it does, the judge only reads back files of data.
"""

from __future__ import annotations

import faulthandler
import os
import resource
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

OUTPUT_LIMIT = 4000
"""Characters of the submission's stdout/stderr shown back."""


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0
    memory_mb: int = 2048
    file_mb: int = 512


@dataclass(frozen=True)
class Ended:
    """How the submission's process ended."""

    timed_out: bool
    exit_code: int | None
    signal: int | None
    stdout: str
    stderr: str

    @property
    def how(self) -> str:
        if self.timed_out:
            return "timed out"
        if self.signal is not None:
            name = signal.Signals(self.signal).name if self.signal in signal.Signals._value2member_map_ else str(self.signal)
            return f"was killed by {name}"
        return f"exited with status {self.exit_code}"


class Child:
    """A running submission process."""

    def __init__(self, pid: int, folder: Path, limits: Limits, started: float) -> None:
        self.pid, self.folder, self.limits, self.started = pid, folder, limits, started

    def wait(self) -> Ended:
        """Wait until it exits or its time is up; then kill its whole process group."""
        deadline = self.started + self.limits.timeout
        status, timed_out, pause = None, False, 0.001
        try:
            while status is None:
                pid, raw = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    status = raw
                elif time.monotonic() >= deadline:
                    timed_out = True
                    _kill_group(self.pid)
                    status = os.waitpid(self.pid, 0)[1]
                else:
                    time.sleep(pause)
                    pause = min(pause * 2, 0.02)
        except BaseException:  # Ctrl-C in the judge: leave nothing running
            _kill_group(self.pid)
            os.waitpid(self.pid, 0)
            raise
        _kill_group(self.pid)  # anything it left behind
        return Ended(
            timed_out,
            os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            _read_capped(self.folder / "stdout.txt"),
            _read_capped(self.folder / "stderr.txt"),
        )


def start(job: Callable[[], None], folder: Path, limits: Limits) -> Child:
    """Fork; the child runs `job` in `folder` under `limits` and never returns to the caller's code."""
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, seen through its results
        code = 70
        try:
            os.setsid()
            _confine(folder, limits)
            job()
            code = 0
        except BaseException:
            code = 71
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except BaseException:
                    pass
            os._exit(code)
    return Child(pid, folder, limits, started)


def _confine(folder: Path, limits: Limits) -> None:
    mapped = _address_space()
    memory = mapped + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits.timeout) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    size = limits.file_mb * 2**20
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
        handle = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(handle, fd)
        os.close(handle)
    # the inherited sys.stdout may be any object (a capture, a Rich console's file): use the files themselves
    sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    faulthandler.enable(file=sys.stderr)  # a segfault's Python traceback goes to the learner's stderr
    os.chdir(folder / "work")
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _address_space() -> int:
    """Bytes already mapped: the forked child starts with the judge's mappings (torch alone is ~600 MB)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read_capped(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(OUTPUT_LIMIT + 1)
    except OSError:
        return ""
    text = data[:OUTPUT_LIMIT].decode("utf-8", errors="replace")
    return text + ("\n… (output truncated)" if len(data) > OUTPUT_LIMIT else "")
