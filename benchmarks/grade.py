"""Grading speed, measured side by side in one run.

1. cold: `quizdl grade EXERCISE reference.py` in a fresh process, against
   `python -c "import torch"` (the floor for anything that runs torch code):
   the ratio of medians, goal <= 1.3.
2. warm: a re-grade in a process that has graded once (as in a `quizdl practice`
   session, where the sandbox's warm worker forks a child for each grade):
   median seconds, goal <= 0.1.
3. pytest: the same checks written as a pytest file (each check a test that calls
   the submission and the reference in-process, no isolation), run by pytest.

Each for cbam (a CNN module of the notes) and multi-head-attention (the second
set), unless --exercise names others.

Run: python benchmarks/grade.py [--exercise ID ...] [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import compile_package, side_by_side

PYTEST_FILE = '''
import pytest
from pathlib import Path
from quizdl.bank.catalog import load_catalog
from quizdl.grader.compare import difference
from quizdl.grader.judge import outcomes_here, solution_path
from quizdl.grader.runner import import_file

EXERCISE = load_catalog().question({exercise!r})
SUBMISSION = import_file(Path({submission!r}), "submission")
REFERENCE = import_file(solution_path(EXERCISE), "reference")
CHECKS = [c for c in EXERCISE.checks if c.compare is not None]


@pytest.mark.parametrize("check", CHECKS, ids=[c.name for c in CHECKS])
def test_check(check):
    got = outcomes_here(SUBMISSION, check.all_calls, REFERENCE)
    want = outcomes_here(REFERENCE, check.all_calls, REFERENCE)
    for g, w in zip(got, want):
        assert difference(w[0].returned, g[0].returned, rtol=check.compare.rtol, atol=check.compare.atol) is None
'''




DEFAULT_EXERCISES = ["cbam", "multi-head-attention"]  # a CNN module of the notes and one of the second set


WARM = """
import statistics, sys, time
from pathlib import Path
from quizdl.bank.catalog import load_catalog
from quizdl.grader.judge import grade, solution_path
exercise = load_catalog().question(sys.argv[1])
path = solution_path(exercise)
assert grade(exercise, path).passed
times = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    assert grade(exercise, path).passed
    times.append(time.perf_counter() - started)
print(statistics.median(times))
"""




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--exercise", action="append", help=f"repeatable; default: {', '.join(DEFAULT_EXERCISES)}")
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    compile_package()
    exercises = options.exercise or DEFAULT_EXERCISES

    from quizdl.bank.catalog import load_catalog
    from quizdl.grader.judge import solution_path
    from quizdl.grader.sandbox import isolation

    quizdl = shutil.which("quizdl")
    base = [quizdl] if quizdl else [sys.executable, "-m", "quizdl"]
    commands = {"import torch": [sys.executable, "-c", "import torch"]}
    with tempfile.TemporaryDirectory() as folder:
        for exercise in exercises:
            reference = solution_path(load_catalog().question(exercise))  # type: ignore[arg-type]
            test_file = Path(folder) / f"test_{exercise.replace('-', '_')}.py"
            test_file.write_text(PYTEST_FILE.format(exercise=exercise, submission=str(reference)), encoding="utf-8")
            commands[f"{exercise} cold"] = base + ["grade", exercise, str(reference)]
            commands[f"{exercise} pytest"] = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                              str(test_file)]
        medians = side_by_side(commands, options.runs, Path(folder))

    torch_seconds = medians["import torch"]
    print(f"medians of {options.runs} interleaved runs; isolation: {isolation().level}")
    print(f"python -c 'import torch'       {torch_seconds:7.3f} s")
    for exercise in exercises:
        cold, pytest = medians[f"{exercise} cold"], medians[f"{exercise} pytest"]
        warm = float(subprocess.run([sys.executable, "-c", WARM, exercise, str(options.runs)], capture_output=True,
                                    text=True, check=True).stdout)
        print(f"\n{exercise}")
        print(f"  quizdl grade, cold process   {cold:7.3f} s")
        print(f"  ratio cold / import torch    {cold / torch_seconds:7.2f}   (goal <= 1.3)")
        print(f"  re-grade in a warm process   {warm:7.3f} s   (goal <= 0.1)")
        print(f"  same checks as a pytest file {pytest:7.3f} s   (quizdl cold is {pytest / cold:.2f}x faster)")


if __name__ == "__main__":
    main()
