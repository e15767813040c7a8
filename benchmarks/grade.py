"""Grading speed, measured side by side in one run.

1. cold: `quizdl grade EXERCISE reference.py` in a fresh process, against
   `python -c "import torch"` (the floor for anything that runs torch code):
   the ratio of medians, goal <= 1.3.
2. warm: a re-grade in a process that has graded once (as in a `quizdl practice`
   session, where the sandbox's warm worker forks a child for each grade):
   median seconds, goal <= 0.1.
3. pytest: the same checks written as a pytest file (each check a test that calls
   the submission and the reference in-process, no isolation), run by pytest.

Run: python benchmarks/grade.py [--exercise ID] [--runs N]
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




def default_exercise() -> str:
    from quizdl.bank.catalog import load_catalog

    exercises = load_catalog().select(kinds=["code"])
    for preferred in ("cbam", "conv-bn-fusion", "label-smoothing"):
        if any(e.id == preferred for e in exercises):
            return preferred
    torch_ones = [e.id for e in exercises if e.framework == "torch"]  # type: ignore[attr-defined]
    return torch_ones[0] if torch_ones else exercises[0].id


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
    parser.add_argument("--exercise", default=None)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    compile_package()
    exercise = options.exercise or default_exercise()

    from quizdl.bank.catalog import load_catalog
    from quizdl.grader.judge import solution_path

    reference = solution_path(load_catalog().question(exercise))  # type: ignore[arg-type]
    quizdl = shutil.which("quizdl")
    grade_command = ([quizdl] if quizdl else [sys.executable, "-m", "quizdl"]) + ["grade", exercise, str(reference)]
    torch_command = [sys.executable, "-c", "import torch"]

    with tempfile.TemporaryDirectory() as folder:
        test_file = Path(folder) / "test_equivalent.py"
        test_file.write_text(PYTEST_FILE.format(exercise=exercise, submission=str(reference)), encoding="utf-8")
        pytest_command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)]
        commands = {"quizdl grade (cold)": grade_command, "import torch": torch_command, "pytest": pytest_command}
        medians = side_by_side(commands, options.runs, Path(folder))
    warm = float(subprocess.run([sys.executable, "-c", WARM, exercise, str(options.runs)], capture_output=True,
                                text=True, check=True).stdout)

    from quizdl.grader.sandbox import isolation

    print(f"exercise: {exercise}; medians of {options.runs} interleaved runs; isolation: {isolation().level}")
    print(f"quizdl grade, cold process     {medians['quizdl grade (cold)']:7.3f} s")
    print(f"python -c 'import torch'       {medians['import torch']:7.3f} s")
    print(f"ratio cold / import torch      {medians['quizdl grade (cold)'] / medians['import torch']:7.2f}   (goal <= 1.3)")
    print(f"re-grade in a warm process     {warm:7.3f} s   (goal <= 0.1)")
    print(f"same checks as a pytest file   {medians['pytest']:7.3f} s   "
          f"(quizdl cold is {medians['pytest'] / medians['quizdl grade (cold)']:.2f}x faster)")


if __name__ == "__main__":
    main()
