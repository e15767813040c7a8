"""quizdl at any size, measured side by side in one run.

1. `quizdl stats` on progress databases of 10k, 100k and 1M reviews over the
   bundled banks, against `quizdl stats` on an empty database (goal at 1M:
   <= 1.5x), and the peak memory of `stats` at 1M (goal < 100 MB).
2. `quizdl list`, `topics` and a practice session up to its first prompt,
   against `python -c "import typer, rich.console"` (the floor of any typer +
   rich program), with the bundled banks (goal <= 2x) and with 10,000 generated
   questions (goal <= 3x); and `quizdl --help` (goal <= 1.5x).

Every command runs once before it is timed, so the catalogue cache is warm, as
it is for a learner after the first start. The first, cold load of the 10,000
questions (YAML parsed and validated) is printed too.

Run: python benchmarks/scale.py [--runs N] [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from measure import compile_package, side_by_side

GENERATED = 10_000
PER_FILE = 500
FLOOR = "import typer, rich.console"


def write_bank(folder: Path, questions: int = GENERATED) -> None:
    """`questions` questions of four kinds, in files of 500, like a large shared collection."""
    for number in range(questions // PER_FILE):
        lines = ["format_version: 1", f"topic: generated-{number}", "questions:"]
        for index in range(PER_FILE):
            common = (
                f"  - id: gen-{number}-{index}\n    source: generated\n    tags: [bench]\n"
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
                lines.append(common + "    kind: template\n    generator: conv_output_size\n"
                             "    params: {size: {int: [8, 64]}, kernel: {choice: [1, 3, 5]}, stride: {int: [1, 2]}}")
        (folder / f"bank-{number:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_history(home: Path, reviews: int, ids: list[str]) -> None:
    """A learner's database with `reviews` answers over the bundled questions, spread over two years, written
    through quizdl's own schema and triggers."""
    from quizdl.progress.store import DATABASE_NAME, Store, _iso

    home.mkdir(parents=True, exist_ok=True)
    Store(home / DATABASE_NAME).close()  # the schema, with its migrations
    rng = random.Random(reviews)
    now = datetime.now(timezone.utc)
    rows = ((rng.choice(ids), _iso(now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))), rng.randint(1, 4),
             rng.choice([None, 0, 1])) for _ in range(reviews))
    db = sqlite3.connect(home / DATABASE_NAME)
    with db:
        db.executemany("INSERT INTO reviews (question_id, reviewed_at, rating, correct) VALUES (?, ?, ?, ?)", rows)
        db.executemany("INSERT OR REPLACE INTO cards VALUES (?, 2, NULL, 5.0, 5.0, ?, ?)",
                       ((qid, _iso(now + timedelta(days=rng.randrange(-5, 30))), _iso(now)) for qid in ids))
    db.close()


def quizdl(*args: str) -> list[str]:
    return [sys.executable, "-m", "quizdl", *args]


def peak_memory_mb(command: list[str], env: dict[str, str]) -> float:
    """The largest resident set of `command`, read by a parent that runs nothing else."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024


def report(title: str, medians: dict[str, float], baseline: str, goals: dict[str, float]) -> None:
    """Each median and its ratio to `baseline`."""
    print(f"\n{title}")
    for name, seconds in medians.items():
        ratio = f"{seconds / medians[baseline]:5.2f}x"
        goal = f"   (goal <= {goals[name]}x)" if name in goals else ""
        print(f"  {name:<56} {seconds * 1000:8.1f} ms  {ratio}{goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    compile_package()
    from quizdl.bank.catalog import load_catalog

    ids = list(load_catalog(cache=False).questions)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        homes = {0: root / "empty"}
        (root / "empty").mkdir()
        for size in sizes:
            started = time.perf_counter()
            homes[size] = root / f"reviews-{size}"
            write_history(homes[size], size, ids)
            print(f"wrote {size:,} reviews in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        envs = {size: {**os.environ, "QUIZDL_HOME": str(home), "COLUMNS": "100"} for size, home in homes.items()}

        stats = {f"stats, {size:,} reviews" if size else "stats, empty database":
                 ["env", f"QUIZDL_HOME={homes[size]}", *quizdl("stats")] for size in homes}
        medians = side_by_side(stats, options.runs)
        report("quizdl stats", medians, "stats, empty database", {f"stats, {sizes[-1]:,} reviews": 1.5})
        print(f"  peak memory of stats, {sizes[-1]:,} reviews: {peak_memory_mb(quizdl('stats'), envs[sizes[-1]]):.0f} MB"
              "   (goal < 100 MB)")

        bank = root / "generated"
        bank.mkdir()
        write_bank(bank)
        cold_home = root / "cold"
        started = time.perf_counter()
        subprocess.run(["env", f"QUIZDL_HOME={cold_home}", *quizdl("list", "--bank", str(bank))],
                       stdout=subprocess.DEVNULL, check=True)
        print(f"\nfirst `quizdl list` with {GENERATED:,} generated questions (parse and validate, cold cache): "
              f"{time.perf_counter() - started:.2f} s")

        home = f"QUIZDL_HOME={homes[0]}"
        bundled = {
            FLOOR: [sys.executable, "-c", FLOOR],
            "quizdl --help": quizdl("--help"),
            "quizdl list": ["env", home, *quizdl("list")],
            "quizdl topics": ["env", home, *quizdl("topics")],
            "quizdl practice, to its first prompt": ["env", home, *quizdl("practice", "-n", "1")],
        }
        print(f"\nratios to `{FLOOR}`")
        report("the bundled banks", side_by_side(bundled, options.runs, stdin=subprocess.DEVNULL), FLOOR,
               {"quizdl --help": 1.5, "quizdl list": 2, "quizdl topics": 2, "quizdl practice, to its first prompt": 2})
        floors = (FLOOR, "quizdl --help")
        many = {FLOOR: bundled[FLOOR]} | {
            f"{name} + {GENERATED:,} questions": command + ["--bank", str(bank)]
            for name, command in bundled.items() if name not in floors
        }
        report(f"the bundled banks and {GENERATED:,} generated questions", side_by_side(many, options.runs,
               stdin=subprocess.DEVNULL), FLOOR, {name: 3 for name in many if name not in floors})


if __name__ == "__main__":
    main()
