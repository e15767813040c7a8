"""Golden tests of every exercise, driven by files: nothing here names an exercise.

For each exercise in the banks:
- the reference solution in solutions/ passes every check, and the stub fails;
- tests/exercises/<id>/good_*.py, correct solutions written differently, pass;
- tests/exercises/<id>/bad_*.py, realistic mistakes, fail on each check named in
  their `# fails: <check name>` lines;
- at least one good and three bad files exist, and every check is named by some
  bad file, so no check goes untested.
"""

import re
from pathlib import Path

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.grader.judge import FORBID_CHECK, IMPORT_CHECK, grade, solution_path

pytestmark = pytest.mark.slow
CASES = Path(__file__).parent / "exercises"
EXERCISES = {q.id: q for q in load_catalog().select(kinds=["code"])}
_FAILS = re.compile(r"^# fails: (.+?)\s*$", re.M)


def cases(prefix: str) -> list[tuple[str, Path]]:
    return [(e, p) for e in sorted(EXERCISES) for p in sorted((CASES / e).glob(f"{prefix}_*.py"))]


def declared_failures(path: Path) -> list[str]:
    return _FAILS.findall(path.read_text(encoding="utf-8"))


def failing(report) -> set[str]:
    return {c.name for c in report.checks if not c.passed}


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_reference_passes(exercise):
    report = grade(EXERCISES[exercise], solution_path(EXERCISES[exercise]))
    assert report.passed, "\n".join(f"{c.name}: {c.detail}" for c in report.checks if not c.passed)


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_stub_fails(exercise, tmp_path):
    stub = tmp_path / EXERCISES[exercise].file
    stub.write_text(EXERCISES[exercise].stub, encoding="utf-8")
    report = grade(EXERCISES[exercise], stub)
    assert report.checks[0].name == IMPORT_CHECK and report.checks[0].passed, "the stub must import"
    assert not report.passed


@pytest.mark.parametrize("exercise, path", cases("good"), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_correct_alternative_passes(exercise, path):
    report = grade(EXERCISES[exercise], path)
    assert report.passed, "\n".join(f"{c.name}: {c.detail}" for c in report.checks if not c.passed)


@pytest.mark.parametrize("exercise, path", cases("bad"), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_mistake_fails_where_expected(exercise, path):
    expected = declared_failures(path)
    assert expected, f"{path.name} has no '# fails: <check name>' line"
    names = {c.name for c in EXERCISES[exercise].checks} | {IMPORT_CHECK} | ({FORBID_CHECK} if EXERCISES[exercise].forbid else set())
    assert set(expected) <= names, f"unknown check names: {set(expected) - names}"
    report = grade(EXERCISES[exercise], path)
    assert set(expected) <= failing(report), (
        f"expected to fail {expected}, failed {sorted(failing(report))}")


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_every_check_is_tested_by_a_mistake(exercise):
    folder = CASES / exercise
    goods, bads = list(folder.glob("good_*.py")), list(folder.glob("bad_*.py"))
    assert len(goods) >= 1 and len(bads) >= 3, f"{folder}: need 1+ good and 3+ bad files"
    covered = {name for path in bads for name in declared_failures(path)}
    untested = [c.name for c in EXERCISES[exercise].checks if c.name not in covered]
    assert not untested, f"no bad file fails these checks: {untested}"
