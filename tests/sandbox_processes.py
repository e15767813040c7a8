"""Looking at the grader's sandbox from outside: which processes live in its PID namespace."""

from __future__ import annotations

import os
import time

RUNNER = b"/opt/quizdl/runner.py"


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _namespace(pid: str) -> str:
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return ""


def _parent(pid: str) -> int:
    stat = _read(f"/proc/{pid}/stat")
    return int(stat[stat.rfind(b")") + 2:].split()[1]) if stat else 0


def sandbox_namespaces(root: int | None = None) -> set[str]:
    """The PID namespaces of the sandboxed runners that descend from process `root` (default: this one)."""
    root = os.getpid() if root is None else root
    parents = {int(p): _parent(p) for p in os.listdir("/proc") if p.isdigit()}

    def descends(pid: int) -> bool:
        for _ in range(64):
            pid = parents.get(pid, 0)
            if pid == root:
                return True
            if pid <= 1:
                return False
        return False

    runners = [str(pid) for pid in parents if descends(pid) and _read(f"/proc/{pid}/cmdline").split(b"\0")[2:4] ==
               [b"-B", RUNNER]]
    return {_namespace(pid) for pid in runners} - {""}


def _running(pid: str) -> bool:
    """Not a zombie: a killed process whose parent has not reaped it yet is dead already."""
    stat = _read(f"/proc/{pid}/stat")
    return bool(stat) and stat[stat.rfind(b")") + 2:][:1] != b"Z"


def members(namespaces: set[str]) -> list[int]:
    """Every living process in these PID namespaces, whatever it runs (a `sleep` it exec'd included)."""
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and _namespace(p) in namespaces and _running(p)]


def assert_sandbox_is_idle(within: float = 1.0) -> None:
    """Within `within` seconds of a verdict, the sandbox holds its init and the idle zygote only."""
    namespaces = sandbox_namespaces()
    deadline = time.monotonic() + within
    while True:
        alive = members(namespaces)
        if len(alive) <= 2 * len(namespaces):
            return
        if time.monotonic() > deadline:
            commands = [_read(f"/proc/{pid}/cmdline").replace(b"\0", b" ")[:80] for pid in alive]
            raise AssertionError(f"processes left in the sandbox: {commands}")
        time.sleep(0.05)


def assert_gone(namespaces: set[str], within: float = 1.0) -> None:
    """Within `within` seconds, no process is left in these namespaces."""
    deadline = time.monotonic() + within
    while alive := members(namespaces):
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(alive)} processes outlived their sandbox")
        time.sleep(0.05)
