"""The exercise commands, in-process: exit codes and JSON of the contract, workspace, hints, practice."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from quizdl.bank.catalog import load_catalog
from quizdl.cli import app
from quizdl.paths import solutions_dir
from quizdl.progress.schedule import Rating
from quizdl.progress.store import Store

pytestmark = pytest.mark.slow


def test_exercise_list(run):
    result = run("exercise", "list")
    assert result.exit_code == 0
    for exercise in ("softmax", "dropblock", "densenet", "mlp-backprop"):
        assert exercise in result.output


def test_start_writes_the_stub_and_never_overwrites_without_force(run, tmp_path):
    result = run("exercise", "start", "softmax", "--dir", str(tmp_path))
    assert result.exit_code == 0 and "quizdl grade softmax" in result.output
    stub = tmp_path / "softmax.py"
    assert "raise NotImplementedError" in stub.read_text()
    stub.write_text("# my work\n")
    again = run("exercise", "start", "softmax", "--dir", str(tmp_path))
    assert again.exit_code == 1 and "already exists" in again.output
    assert stub.read_text() == "# my work\n"
    assert run("exercise", "start", "softmax", "--dir", str(tmp_path), "--force").exit_code == 0
    assert "raise NotImplementedError" in stub.read_text()


def test_grade_exit_codes(run, tmp_path):
    assert run("grade", "softmax", str(solutions_dir() / "softmax.py")).exit_code == 0
    run("exercise", "start", "softmax", "--dir", str(tmp_path))
    failing = run("grade", "softmax", str(tmp_path / "softmax.py"))
    assert failing.exit_code == 1 and "NotImplementedError" in failing.output
    assert run("grade", "no-such-exercise", str(tmp_path / "softmax.py")).exit_code == 2
    assert run("grade", "softmax", str(tmp_path / "missing.py")).exit_code == 2
    not_code = run("grade", "output-size-drill", str(tmp_path / "softmax.py"))
    assert not_code.exit_code == 2 and "not an exercise" in not_code.output


def test_grade_json_is_the_only_stdout(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["grade", "dropout", str(solutions_dir() / "dropout.py"), "--json"])
    verdict = json.loads(result.stdout)
    assert result.exit_code == 0 and verdict["exercise"] == "dropout" and verdict["passed"] is True
    assert all(set(c) == {"name", "passed", "detail"} and c["passed"] for c in verdict["checks"])
    (tmp_path / "bad.py").write_text("def dropout(x, p, training=True, rng=None):\n    return x\n")
    failing = runner.invoke(app, ["grade", "dropout", str(tmp_path / "bad.py"), "--json", "--timeout", "5"])
    verdict = json.loads(failing.stdout)
    assert failing.exit_code == 1 and verdict["passed"] is False
    assert any(not c["passed"] for c in verdict["checks"])


def test_grade_json_has_the_seed_and_the_isolation_and_seed_repeats_a_grade(tmp_path):
    runner = CliRunner()
    (tmp_path / "bad.py").write_text("import numpy as np\ndef softmax(x, axis=-1):\n    return np.exp(x) / np.exp(x).sum()\n")
    first = json.loads(runner.invoke(app, ["grade", "softmax", str(tmp_path / "bad.py"), "--json"]).stdout)
    assert first["isolation"] in ("full", "reduced") and 0 <= first["seed"] < 2**30
    again = json.loads(runner.invoke(app, ["grade", "softmax", str(tmp_path / "bad.py"), "--json", "--seed",
                                           str(first["seed"])]).stdout)
    assert again["seed"] == first["seed"] and again["checks"] == first["checks"]
    shown = runner.invoke(app, ["grade", "softmax", str(tmp_path / "bad.py"), "--seed", "7"])
    assert "--seed 7" in shown.output and str(tmp_path / "bad.py") in shown.output  # tracebacks name your file


def test_a_forbidden_builtin_fails_its_own_check(tmp_path):
    (tmp_path / "lazy.py").write_text("import torch\nimport numpy as np\nfrom scipy.special import softmax as sm\n"
                                      "def softmax(x, axis=-1):\n    return torch.softmax(torch.from_numpy(x), axis).numpy()\n")
    result = CliRunner().invoke(app, ["grade", "softmax", str(tmp_path / "lazy.py"), "--json"])
    verdict = json.loads(result.stdout)
    forbidden = [c for c in verdict["checks"] if c["name"].startswith("written by hand")]
    assert result.exit_code == 1 and len(forbidden) == 1 and not forbidden[0]["passed"]
    assert "uses scipy.special.softmax at line 3" in forbidden[0]["detail"]
    assert "torch.softmax at line 5" in forbidden[0]["detail"] and "write it yourself" in forbidden[0]["detail"]


@pytest.mark.parametrize("make", ["folder", "binary", "huge"])
def test_grade_refuses_what_is_not_a_python_file(run, tmp_path, make):
    path = tmp_path / "softmax.py"
    if make == "folder":
        path.mkdir()
    elif make == "binary":
        path.write_bytes(bytes(range(256)) * 10)
    else:
        path.write_bytes(b"#" * (2**20 + 10))
    result = run("grade", "softmax", str(path))
    if make == "binary":  # a file Python cannot read: the import check says so
        assert result.exit_code == 1 and "the file imports" in result.output
    else:
        assert result.exit_code == 2 and ("folder" in result.output or "larger than" in result.output)


def test_doctor_reports_isolation_versions_folders_and_banks(run, isolated_home):
    result = run("doctor")
    assert result.exit_code == 0, result.output
    questions = f"{len(load_catalog().questions)} questions"
    for word in ("grader isolation", "torch", "numpy", "data folder", str(isolated_home), questions):
        assert word in result.output


def test_doctor_fails_when_the_data_folder_is_a_file(run, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path / "file"))
    monkeypatch.setenv("COLUMNS", "300")
    result = run("doctor")
    assert result.exit_code == 1 and "is a file, not a folder" in result.output


def test_hints_are_revealed_one_at_a_time(run):
    first = run("hint", "softmax")
    assert "hint 1/3" in first.output and "hint 2/3" not in first.output
    second = run("hint", "softmax")
    assert "hint 1/3" in second.output and "hint 2/3" in second.output
    run("hint", "softmax")
    last = run("hint", "softmax")
    assert "hint 3/3" in last.output and "That was the last hint" in last.output
    run("hint", "softmax", "--reset")
    assert "hint 2/3" not in run("hint", "softmax").output


def test_solution_shows_the_reference_and_into_a_pipe_it_is_the_file_itself(run):
    result = run("solution", "softmax")
    assert result.exit_code == 0 and "def softmax" in result.output
    assert result.output == (solutions_dir() / "softmax.py").read_text(encoding="utf-8")  # no line numbers
    compile(result.output, "solution.py", "exec")


def test_export_anki(run, tmp_path):
    result = run("export", "anki", str(tmp_path / "deck.apkg"), "--topic", "dropout")
    assert result.exit_code == 0 and (tmp_path / "deck.apkg").stat().st_size > 1000
    assert result.output.startswith("wrote ")


def test_exercises_in_practice_passed_first_time_are_good(run, tmp_path, isolated_home):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    exercises = load_catalog().select(["softmax-sigmoid"], ["code"])
    for exercise in exercises:  # the learner's finished files, whatever order they come in
        shutil.copy(solutions_dir() / exercise.solution, workspace / exercise.file)
    result = run("practice", "--kind", "code", "--topic", "softmax-sigmoid", "--workspace", str(workspace),
                 "--exercises", str(len(exercises)), input="\n\n" * len(exercises))
    assert result.output.count("checks pass") == len(exercises) == result.output.count("rated Good")
    with Store.in_dir(isolated_home) as store:
        reviews = store.reviews()
    assert sorted(r.question_id for r in reviews) == sorted(e.id for e in exercises)
    assert all(r.rating == Rating.GOOD and r.correct for r in reviews)


def test_giving_up_on_an_exercise_is_again_and_shows_the_solution(run, tmp_path, isolated_home):
    workspace = tmp_path / "ws"
    result = run("practice", "--kind", "code", "--topic", "dropout", "--workspace", str(workspace), "-n", "1",
                 input="v\n\n")
    assert any(workspace.iterdir())  # the starter file of whichever exercise came up
    assert "Reference solution" in result.output
    with Store.in_dir(isolated_home) as store:
        (review,) = store.reviews()
        assert review.rating == Rating.AGAIN and review.correct is False


def test_hints_taken_in_practice_are_the_ones_quizdl_hint_continues_from(run, tmp_path, isolated_home):
    result = run("practice", "--kind", "code", "--topic", "dropout", "--workspace", str(tmp_path / "ws"), "-n", "1",
                 input="h\nq\n")
    assert "hint 1/3" in result.output
    exercise = next(p.stem for p in (tmp_path / "ws").iterdir())
    exercise_id = next(e.id for e in load_catalog().select(["dropout"], ["code"]) if e.file == f"{exercise}.py")
    after = run("hint", exercise_id)
    assert "hint 2/3" in after.output
