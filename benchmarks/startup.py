"""Start-up figures, measured side by side in one run.

1. `quizdl --help` against `python -c "import typer, rich.console"` (the floor
   for any typer+rich CLI): the ratio of medians, goal <= 2.5.
2. Loading and validating a generated bank of 10,000 questions in a fresh
   interpreter, goal < 1 s.

Run: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import compile_package, side_by_side

QUESTIONS = 10_000
PER_FILE = 500






def write_bank(folder: Path) -> None:
    """10,000 questions of every kind, in files of 500, like a large learner collection."""
    for number in range(QUESTIONS // PER_FILE):
        lines = ["format_version: 1", f"topic: generated-{number}", "questions:"]
        for index in range(PER_FILE):
            qid = f"gen-{number}-{index}"
            common = (
                f"  - id: {qid}\n    source: generated\n    tags: [bench]\n"
                f"    prompt: {{zh: '第 {index} 题 $\\frac{{a}}{{b}}$', en: 'Question {index} $\\frac{{a}}{{b}}$'}}\n"
                f"    explanation: {{zh: '因为 $x^2$', en: 'because $x^2$'}}\n"
            )
            kind = index % 4
            if kind == 0:
                lines.append(common + "    kind: choice\n    options: {a: one, b: two, c: three}\n    answer: b")
            elif kind == 1:
                lines.append(common + "    kind: numeric\n    answer: 1/4\n    tolerance: {abs: 0.01}")
            elif kind == 2:
                lines.append(common + "    kind: flashcard\n    answer: {zh: 答, en: answer}")
            else:
                lines.append(
                    common + "    kind: template\n    generator: conv_output_size\n"
                    "    params: {size: {int: [8, 64]}, kernel: {choice: [1, 3, 5]}, stride: {int: [1, 2]}}"
                )
        (folder / f"bank-{number:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


LOAD = """
import sys, time
started = time.perf_counter()
from quizdl.bank.catalog import load_catalog
catalog = load_catalog([__import__('pathlib').Path(sys.argv[1])], bundled=False)
elapsed = time.perf_counter() - started
assert len(catalog.questions) == {n} and not catalog.problems, catalog.problems[:3]
print(elapsed)
""".replace("{n}", str(QUESTIONS))




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs

    compile_package()
    quizdl = shutil.which("quizdl")
    help_command = [quizdl, "--help"] if quizdl else [sys.executable, "-m", "quizdl", "--help"]
    medians = side_by_side(
        {"quizdl --help": help_command, "import typer, rich.console": [sys.executable, "-c", "import typer, rich.console"]},
        runs,
    )
    ratio = medians["quizdl --help"] / medians["import typer, rich.console"]
    print(f"quizdl --help                 {medians['quizdl --help'] * 1000:7.1f} ms (median of {runs})")
    print(f"import typer, rich.console    {medians['import typer, rich.console'] * 1000:7.1f} ms")
    print(f"ratio                         {ratio:7.2f}   (goal <= 2.5)")

    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as home:
        write_bank(Path(folder))
        env = {**os.environ, "QUIZDL_HOME": home}  # an empty parse cache for the first load

        def load() -> float:
            run = subprocess.run([sys.executable, "-c", LOAD, folder], capture_output=True, text=True, check=True, env=env)
            return float(run.stdout)

        cold = load()
        warm = statistics.median(load() for _ in range(5))
    print(f"load + validate {QUESTIONS} questions, first time (parses YAML)  {cold:6.3f} s")
    print(f"load + validate {QUESTIONS} questions, parse cache warm          {warm:6.3f} s  (median of 5; goal < 1 s)")


if __name__ == "__main__":
    main()
