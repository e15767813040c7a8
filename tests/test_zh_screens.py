"""With --lang zh every screen is Chinese: no English word a learner must read, only identifiers.

The detector is tests/english_words.py. The tests are generic over the command tree: every
command must have a Chinese help page, and a sample zh run below (or a stated reason not to), so
a new command fails here until its strings are in the catalogue (quizdl/ui/labels.py).
"""

from __future__ import annotations

import re
import string

import pytest
import typer
from typer.testing import CliRunner

from conftest import BANKS
from english_words import english_words, zh_words
from quizdl.bank.catalog import load_catalog
from quizdl.cli import app
from quizdl.cli_help import commands
from quizdl.paths import content_dir
from quizdl.ui.labels import MESSAGES, say

GOOD = str(BANKS / "good")
GOLDEN = BANKS.parent / "exercises"
IDS = {*load_catalog([BANKS / "good"]).questions, *load_catalog([BANKS / "good"]).topics()}
STARTER = zh_words(BANKS / "good")
DROPOUT = zh_words(content_dir() / "exercises" / "dropout.yaml")


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv("QUIZDL_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


def _topic_words() -> set[str]:
    catalog = load_catalog()
    titles = " ".join(catalog.topic_title(t, "zh") for t in catalog.topics())
    return set(re.findall(r"[A-Za-z]+", titles)) | set(catalog.topics())


def _exercise_words() -> set[str]:
    return zh_words(content_dir() / "exercises") | _topic_words()


def _assert_chinese(output: str, allowed: set[str] = frozenset()) -> None:
    """Chinese, with no English but identifiers; question and topic ids are identifiers on every screen."""
    assert re.search(r"[\u4e00-\u9fff]", output), output
    assert english_words(output, allowed | IDS) == [], output


COMMAND_NAMES = {name for path, _ in commands(typer.main.get_command(app)) for name in path.split()}
LEAVES = {path for path, command in commands(typer.main.get_command(app)) if not getattr(command, "commands", None)}
SAMPLES = {  # a zh run of each command, and the English it may show besides identifiers
    "practice": (["practice", "--bank", GOOD, "--topic", "starter", "--seed", "4"], "zz\n128。\n?\n\n" * 5, STARTER),
    "show": (["show", "starter-formula", "--bank", GOOD], None, STARTER),
    "list": (["list", "--bank", GOOD, "--topic", "starter"], None, STARTER),
    "topics": (["topics"], None, _topic_words()),
    "stats": (["stats"], None, _topic_words()),
    "suspend": (["suspend", "starter-formula", "--bank", GOOD], None, set()),
    "unsuspend": (["unsuspend", "starter-formula"], None, set()),
    "lint": (["lint", GOOD], None, set()),
    "mock": (["mock", "--history"], None, set()),
    "plan": (["plan"], None, set()),
    "exercise list": (["exercise", "list"], None, _exercise_words()),
    "exercise start": (["exercise", "start", "cbam", "--dir", "workspace"], None, _exercise_words()),
    "hint": (["hint", "dropout"], None, DROPOUT),
    "grade": (["grade", "dropout", str(content_dir().parent / "solutions" / "dropout.py")], None, DROPOUT),
    "exercise watch": (["exercise", "watch", "dropout", str(BANKS.parent / "exercises" / "dropout" / "bad_row_mask.py")],
                       None, DROPOUT),  # the file as found, then no save (watchfiles stubbed below)
}
NOT_CHINESE = {  # commands whose output is for a program or a maintainer, not a screen to read
    "schema": "prints a JSON Schema",
    "solution": "prints Python source",
    "doctor": "a report for bug reports: versions, paths and the sandbox's own words",
    "export anki": "writes a deck file; its message is a catalogue text, tested in test_every_catalogue_text",
}


@pytest.mark.parametrize("exercise", [q for q in load_catalog().select(kinds=["code"])], ids=lambda q: q.id)
def test_every_exercise_speaks_chinese(exercise):
    """The contract and every check name, as `exercise start`, practice and `grade --lang zh` show them."""
    assert not isinstance(exercise.contract, str), "the contract is English only: write contract: {en: ..., zh: ...}"
    assert re.search(r"[\u4e00-\u9fff]", exercise.contract.zh)
    assert [check.name for check in exercise.checks if not check.zh] == []


def test_every_command_has_a_zh_sample_or_a_reason():
    assert LEAVES == set(SAMPLES) | set(NOT_CHINESE)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_zh_screen_has_no_english(zh, name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where `exercise start` writes
    args, input, allowed = SAMPLES[name]
    if name == "exercise watch":
        import watchfiles

        monkeypatch.setattr(watchfiles, "watch", lambda *_args, **_options: iter(()))
    if name == "grade" and not (content_dir().parent / "solutions").is_dir():
        from quizdl.paths import solutions_dir

        args = ["grade", "dropout", str(solutions_dir() / "dropout.py")]
    result = zh(*args, input=input)
    assert result.exit_code == 0, result.output
    _assert_chinese(result.output, allowed)


@pytest.mark.parametrize("path", sorted(path for path, _ in commands(typer.main.get_command(app))))
def test_every_help_page_is_chinese(zh, path):
    result = zh(*path.split(), "--help")
    assert result.exit_code == 0
    _assert_chinese(result.output, COMMAND_NAMES)
    assert "用法：" in result.output


def test_lang_on_the_command_line_chooses_the_help_language(zh, monkeypatch):
    monkeypatch.setenv("QUIZDL_LANG", "en")
    assert "练习" in zh("practice", "--lang", "zh", "-h").output
    assert "Practise" in zh("practice", "-h").output and "用法" not in zh("practice", "-h").output


@pytest.mark.parametrize("args", [
    ["list", "--topic", "no-such-topic"],
    ["list", "--topic", "dropou"],
    ["list", "--kind", "essay"],
    ["show", "no-such-id"],
    ["show", "dropou"],
    ["grade", "dropout", "no-such-file.py"],
    ["grade", "dropout", "."],
    ["hint", "starter-formula", "--bank", GOOD],
])
def test_usage_errors_are_chinese(zh, args):
    result = zh(*args)
    assert result.exit_code == 2
    assert result.output.startswith("错误：")
    _assert_chinese(result.output, _topic_words())


def test_an_unusable_data_folder_is_said_in_chinese(zh, tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("")
    result = zh("stats")
    assert result.exit_code == 1 and "是一个文件" in result.output
    _assert_chinese(result.output, _topic_words())


def test_number_errors_are_wholly_chinese(zh):
    result = zh("practice", "--bank", GOOD, "--topic", "starter", "--kind", "numeric", input="128。x\nabc\n")
    assert "写法有误" in result.output and "不是数字" in result.output
    _assert_chinese(result.output, STARTER)


def test_every_catalogue_text_exists_in_both_languages_with_the_same_fields():
    for key, (en, zh_text) in MESSAGES.items():
        assert zh_text, key
        assert en or key.startswith(("help.", "option.")), key  # English help is cli.py's own
        if en:
            assert _fields(zh_text) <= _fields(en), key  # Chinese may say less, never a field English lacks


def test_every_catalogue_text_is_chinese():
    for key, (_en, zh_text) in MESSAGES.items():
        if key.startswith("typer.") or key in ("rating_2", "number_hint"):
            continue  # typer's metavars; 'rating_2' is 困难 (hard), not English
        text = re.sub(r"\{[^}]*\}", " ", zh_text)
        assert english_words(text) == [], (key, zh_text)


def _fields(text: str) -> set[str]:
    return {re.split(r"[.\[]", name)[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def test_say_fills_fields_and_a_missing_key_is_a_key_error():
    assert say("grade.seed", "zh", seed=7).count("7") == 2
    with pytest.raises(KeyError):
        say("no.such.key", "zh")


@pytest.mark.parametrize("args", [
    ["practice", "--foo"], ["practice", "--tpic", "x"], ["show"], ["practice", "-n", "abc"], ["practice", "-n", "0"],
    ["show", "a", "b"], ["practice", "--topic"], ["practic"], ["exercise", "lst"],
])
def test_typers_own_usage_errors_are_chinese(zh, args):
    result = zh(*args)
    assert result.exit_code == 2
    assert "错误" in result.output
    _assert_chinese(result.output, COMMAND_NAMES | set(args) | {"foo", "tpic", "practic", "lst", "abc"})


def test_typers_usage_errors_stay_english_in_english(zh, monkeypatch):
    monkeypatch.setenv("QUIZDL_LANG", "en")
    assert "No such option: --foo" in zh("practice", "--foo").output


WRONG_FILES = [  # golden wrong files whose failures span the judge's sentences and the property families
    "dropout/bad_keep_probability.py",  # a compared result (values differ) and a proportion test
    "dropout/bad_row_mask.py",  # a mask shared along an axis
    "cbam/bad_inplace.py",  # an input modified in place, a module's input described
    "cutout/bad_no_clip.py",  # squares and border statistics
    "dropblock/bad_batch_seeds.py",  # one mask for the batch
    "spatial-dropout/bad_elementwise.py",  # channels dropped part way
    "stochastic-depth/bad_batch_coin.py",  # binomial tails, per-sample coins
    "dropconnect/bad_drops_bias.py",  # a module's weights and bias
    "conv-bn-fusion/bad_divides_by_var.py",  # a returned nn.Module compared
]


@pytest.mark.parametrize("wrong", WRONG_FILES)
def test_grade_details_are_chinese(zh, wrong):
    """A failed check's detail is the judge's sentence in Chinese; only values may be English."""
    exercise = wrong.split("/")[0]
    result = zh("grade", exercise, str(GOLDEN / wrong), "--seed", "3")
    assert result.exit_code == 1, result.output
    assert "✘" in result.output
    _assert_chinese(result.output, zh_words(content_dir() / "exercises" / f"{exercise}.yaml") | {exercise})


def test_grade_json_keeps_the_english_detail(zh):
    """--json is for programs: its details are the judge's English sentences, whatever the language."""
    import json

    result = zh("grade", "dropout", str(GOLDEN / "dropout" / "bad_keep_probability.py"),
                "--seed", "3", "--json")
    details = [c["detail"] for c in json.loads(result.output)["checks"] if not c["passed"]]
    assert details and all(not re.search(r"[\u4e00-\u9fff]", d) for d in details)
    assert any("value(s) differ" in d for d in details)


VALUES = re.compile(r"'[^'\n]*'")
"""A value a lint line quotes from the bank (`english_words` itself skips `code` and “what was typed”)."""
PARSER_WORDS = {  # PyYAML's and Python's own messages, quoted inside a Chinese sentence, and pydantic's "or"
    "did", "not", "find", "expected", "while", "parsing", "flow", "sequence", "codec", "can", "decode", "byte",
    "position", "in", "invalid", "start", "or",
}


def test_lint_problems_are_chinese(zh):
    """Every problem line of the broken banks says what is wrong in Chinese; only the place, the bank's own values
    and the YAML parser's quoted words may be English."""
    result = zh("lint", str(BANKS / "broken"))
    assert result.exit_code == 1
    found = [line for line in result.output.splitlines() if ".yaml:" in line]
    assert {line.split(".yaml:")[0].rsplit("/", 1)[-1] for line in found} == {
        path.stem for path in (BANKS / "broken").glob("*.yaml")}
    lines = [line.split(": ", 2)[2] for line in found]
    for line in lines:
        assert re.search(r"[\u4e00-\u9fff]", line), line
        assert english_words(VALUES.sub(" ", line), PARSER_WORDS) == [], line


def test_lint_problems_stay_english_in_english(zh, monkeypatch):
    monkeypatch.setenv("QUIZDL_LANG", "en")
    output = zh("lint", str(BANKS / "broken")).output
    assert "required field is missing" in output and not re.search(r"[\u4e00-\u9fff]", output)
