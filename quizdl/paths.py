"""Where quizdl finds its bundled content and keeps the learner's progress.

In a wheel the banks and reference solutions are packaged as `quizdl/_content`
and `quizdl/_solutions`; in a source checkout they are the repository's
`content/` and `solutions/` folders next to the package.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(packaged: str, checkout: str) -> Path:
    for candidate in (_PACKAGE / packaged, _PACKAGE.parent / checkout):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / packaged


def content_dir() -> Path:
    """The folder of bundled question banks."""
    return _bundled("_content", "content")


def solutions_dir() -> Path:
    """The folder of bundled reference solutions."""
    return _bundled("_solutions", "solutions")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The learner's data folder: `--data-dir`, else `$QUIZDL_HOME`, else the platform's."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get("QUIZDL_HOME"):
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizdl", appauthor=False))


def cache_dir() -> Path:
    """Where parsed banks are cached: under `$QUIZDL_HOME` when set, else the platform's cache folder."""
    if env := os.environ.get("QUIZDL_HOME"):
        return Path(env).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("quizdl", appauthor=False))


def extra_bank_dirs(cli_dirs: list[Path] | None = None) -> list[Path]:
    """Learner bank folders: `--bank DIR` options first, then `$QUIZDL_BANKS` (os.pathsep separated)."""
    dirs = [Path(d).expanduser() for d in cli_dirs or []]
    env = os.environ.get("QUIZDL_BANKS", "")
    dirs += [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    return dirs
