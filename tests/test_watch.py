"""Watch mode: a verdict per save, through the real grader; the first pass recorded as practice records it."""

import threading
import time

import pytest
import watchfiles
from typer.testing import CliRunner

from quizdl.bank.catalog import load_catalog
from quizdl.cli import app
from quizdl.grader.judge import grade
from quizdl.grader.watch import verdicts
from quizdl.paths import solutions_dir
from quizdl.progress.schedule import Rating
from quizdl.progress.store import Store

pytestmark = pytest.mark.slow

WRONG = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.exp(x) / np.exp(x).sum()\n"


@pytest.fixture(scope="module")
def exercise():
    return load_catalog(only={"softmax"}).question("softmax")


def right() -> str:
    return (solutions_dir() / "softmax.py").read_text()


def saves(path, *contents, noise=()):
    """Change events as watchfiles yields them, each after writing the file; `noise` batches come first."""
    yield from noise
    for content in contents:
        path.write_text(content)
        yield {(watchfiles.Change.modified, str(path))}


def test_writing_the_file_twice_gives_two_verdicts(tmp_path, exercise):
    path = tmp_path / "softmax.py"
    path.write_text(exercise.stub)
    other = tmp_path / "notes.txt"
    noise = [{(watchfiles.Change.added, str(other))},  # another file of the folder
             {(watchfiles.Change.modified, str(path))}]  # a touch: the bytes did not change
    seen = list(verdicts(path, saves(path, WRONG, right(), noise=noise), lambda file: grade(exercise, file)))

    assert [v.saves for v in seen] == [0, 1, 2]
    assert [v.report.passed for v in seen] == [False, False, True]
    assert [v.first_pass for v in seen] == [False, False, True]
    assert seen[2].attempts == 2


def test_with_watchfiles_each_save_is_graded_within_the_timeout(tmp_path, exercise):
    path = tmp_path / "softmax.py"
    path.write_text(exercise.stub)
    stop = threading.Event()
    seen = []

    def save(content, verdicts_before):
        """Write until the watcher has graded it: the first write may come before the watcher is up."""
        while len(seen) == verdicts_before and not stop.is_set():
            path.write_text(content)
            time.sleep(1.0)

    def learner():
        while not seen and not stop.is_set():
            time.sleep(0.05)
        save(WRONG, 1)
        save(right(), 2)

    threading.Thread(target=learner, daemon=True).start()
    timer = threading.Timer(60, stop.set)
    timer.start()
    try:
        changes = watchfiles.watch(tmp_path, stop_event=stop, rust_timeout=500)
        for verdict in verdicts(path, changes, lambda file: grade(exercise, file)):
            seen.append(verdict)
            if len(seen) == 3:
                break
    finally:
        stop.set()
        timer.cancel()
    assert [v.report.passed for v in seen] == [False, False, True]


@pytest.fixture
def fake_watch(monkeypatch):
    """`quizdl exercise watch` fed with these saves instead of the file system's events."""

    def install(*contents):
        def watch(folder, **_options):
            path = next(folder.glob("*.py"))
            return saves(path, *contents)

        monkeypatch.setattr(watchfiles, "watch", watch)

    return install


def test_the_command_redraws_verdicts_and_records_the_first_pass(tmp_path, isolated_home, fake_watch):
    fake_watch(WRONG, right(), right() + "# tidied\n")
    result = CliRunner().invoke(app, ["exercise", "watch", "softmax", "--dir", str(tmp_path)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    output = result.output
    assert "Starter file written" in output and output.count("· save ") == 3
    first = output.index("· save 1")
    assert output.index("✘", first) < output.index("✔", first)  # failures first
    assert output.count("Passed! Rated Hard") == 1 and "Still passing" in output
    with Store.in_dir(isolated_home) as store:
        (review,) = store.reviews()
    assert review.question_id == "softmax" and review.rating == Rating.HARD and review.correct is True


def test_a_first_save_that_passes_is_good_and_speaks_chinese(tmp_path, isolated_home, fake_watch):
    (tmp_path / "mine.py").write_text("")
    fake_watch(right())
    result = CliRunner().invoke(app, ["exercise", "watch", "softmax", str(tmp_path / "mine.py"), "--lang", "zh"],
                                catch_exceptions=False)
    assert "正在监视" in result.output and "第 1 次保存" in result.output and "“良好”" in result.output
    with Store.in_dir(isolated_home) as store:
        assert [r.rating for r in store.reviews()] == [Rating.GOOD]


def test_a_missing_file_or_a_question_that_is_no_exercise_is_a_usage_error(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["exercise", "watch", "softmax", str(tmp_path / "nope.py")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    not_code = runner.invoke(app, ["exercise", "watch", "output-size-drill", str(tmp_path)])
    assert not_code.exit_code == 2 and "not an exercise" in not_code.output
