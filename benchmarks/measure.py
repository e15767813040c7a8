"""What the benchmark scripts share: timing commands side by side, on an installed-like quizdl."""

from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path


def compile_package() -> None:
    """Write quizdl's bytecode, as `pip install` does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on every start."""
    import compileall

    import quizdl

    compileall.compile_dir(Path(quizdl.__file__).parent, quiet=1)


def wall(command: list[str], cwd: Path | None = None, stdin: int | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, stdin=stdin)
    return time.perf_counter() - started


def side_by_side(commands: dict[str, list[str]], runs: int, cwd: Path | None = None,
                 stdin: int | None = None) -> dict[str, float]:
    """Median wall time of each command, runs interleaved so that load on the machine hits all alike;
    `stdin=subprocess.DEVNULL` ends an interactive command at its first prompt."""
    for command in commands.values():
        wall(command, cwd, stdin)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall(command, cwd, stdin))
    return {name: statistics.median(values) for name, values in times.items()}
