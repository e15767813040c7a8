"""`quizdl doctor`: what this installation can do, in one place, for a bug report or a puzzled learner."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    what: str
    value: str
    status: str = "ok"
    """"ok"; "warn": worth knowing, quizdl works; "fail": quizdl cannot work until it is fixed (exit code 1)"""


def diagnose(extra_banks: list[Path]) -> list[Finding]:
    from quizdl.bank.lint import lint_catalog
    from quizdl.grader.sandbox import isolation
    from quizdl.paths import cache_dir, data_dir

    found = [Finding("quizdl", f"{_version('quizdl')} on Python {platform.python_version()} ({sys.platform})")]
    for package in ("torch", "numpy"):
        version = _version(package)
        found.append(Finding(package, version, "ok" if version != "not installed" else "fail"))
    level = isolation()
    found.append(Finding("grader isolation", f"{level.level}: {level.reason}", "ok" if level.level == "full" else "warn"))
    if level.level == "full" and hasattr(os, "geteuid") and os.geteuid() == 0:
        found.append(Finding("process limit", "not enforced: the kernel exempts root from RLIMIT_NPROC; the PID "
                             "namespace and the timeout still end every process", "warn"))
    found.append(_folder("data folder", data_dir()))
    found.append(_folder("cache folder", cache_dir()))
    problems, questions = lint_catalog(extra_banks)
    files = len({p.path for p in problems})
    found.append(Finding("banks", f"{questions} questions" + (f"; {len(problems)} problem(s) in {files} file(s), "
                                                               "`quizdl lint` lists them" if problems else ", no problem"),
                         "warn" if problems else "ok"))
    return found


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _folder(what: str, path: Path) -> Finding:
    """Where it is, and whether quizdl can write there (without writing anything)."""
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        return Finding(what, f"{path}: {existing} is a file, not a folder", "fail")
    if existing is None or not os.access(existing, os.W_OK | os.X_OK):
        return Finding(what, f"{path} (read-only: quizdl cannot write there)", "fail")
    return Finding(what, str(path) + ("" if path.exists() else " (created on first use)"))
