"""Loading banks: the schema, positions of problems, the catalog across folders, lint."""

import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import BANKS, question_of
from quizdl.bank.catalog import load_catalog
from quizdl.bank.lint import lint_catalog
from quizdl.bank.loader import load_file
from quizdl.bank.schema import BankFile
from quizdl.errors import UsageError
from quizdl.quiz.instance import make_instance

BROKEN = sorted((BANKS / "broken").glob("*.yaml"))
_EXPECT = re.compile(rb"^# expect: (\d+):(\d+): (.+?): (.+)$", re.M)


def expectations(path: Path) -> list[tuple[int, int, str, str]]:
    return [(int(l), int(c), f.decode(), m.decode()) for l, c, f, m in _EXPECT.findall(path.read_bytes())]


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_each_broken_bank_reports_its_problem_at_file_line_column(path):
    problems, _ = lint_catalog([path])
    mine = [p for p in problems if p.path == path]
    expected = expectations(path)
    assert expected, f"{path.name} declares no '# expect:' line"
    assert len(mine) == len(expected), "\n".join(map(str, mine))
    for line, column, field, message in expected:
        assert any(
            (p.line, p.column, p.field) == (line, column, field) and message in p.message for p in mine
        ), f"expected {line}:{column}: {field}: {message}\ngot:\n" + "\n".join(map(str, mine))


def test_problem_prints_as_file_line_column_field_message():
    problem = load_file(BANKS / "broken" / "missing_field.yaml").problems[0]
    assert str(problem) == (
        f"{BANKS / 'broken' / 'missing_field.yaml'}:5:5: broken-no-explanation.explanation: required field is missing"
    )


def test_a_broken_file_is_skipped_and_the_rest_still_loads(tmp_path):
    shutil.copy(BANKS / "broken" / "unknown_kind.yaml", tmp_path)
    shutil.copy(BANKS / "duplicates" / "first.yaml", tmp_path)
    catalog = load_catalog([tmp_path])
    assert "dupes-one" in catalog.questions
    assert "broken-essay" not in catalog.questions
    assert [p.path.name for p in catalog.problems] == ["unknown_kind.yaml"]
    assert len(catalog.questions) > 1  # the bundled banks are still there


def test_duplicate_ids_across_files_keep_the_first_and_report_the_second():
    catalog = load_catalog([BANKS / "duplicates"], bundled=False)
    assert catalog.questions["dupes-one"].prompt.en == "question"
    (problem,) = catalog.problems
    assert problem.path.name == "second.yaml"
    assert (problem.line, problem.column, problem.field) == (4, 9, "dupes-one")
    assert re.search(r"duplicate id; first defined at .*first\.yaml:4:9$", problem.message)


def test_missing_folder_is_a_problem_not_a_crash(tmp_path):
    catalog = load_catalog([tmp_path / "nope"], bundled=False)
    assert "no such file or folder" in catalog.problems[0].message


def test_topic_defaults_to_the_file_topic_and_can_be_overridden(tmp_path):
    (tmp_path / "bank.yaml").write_text(
        "format_version: 1\ntopic: mine\nquestions:\n"
        "  - {id: a1, kind: flashcard, source: s, prompt: {zh: 题, en: q}, answer: {zh: 答, en: a},"
        " explanation: {zh: 解, en: e}}\n"
        "  - {id: a2, topic: other, kind: flashcard, source: s, prompt: {zh: 题, en: q}, answer: {zh: 答, en: a},"
        " explanation: {zh: 解, en: e}}\n",
        encoding="utf-8",
    )
    catalog = load_catalog([tmp_path], bundled=False)
    assert [q.topic for q in catalog.questions.values()] == ["mine", "other"]
    assert catalog.topics() == ["mine", "other"]


def test_unknown_question_id_suggests_close_ones():
    catalog = load_catalog([BANKS / "good"], bundled=False)
    with pytest.raises(UsageError, match="did you mean starter-formula"):
        catalog.question("starter-formul")


def test_unknown_topic_and_kind_are_usage_errors():
    catalog = load_catalog([BANKS / "good"], bundled=False)
    with pytest.raises(UsageError, match="unknown topic 'startr'; did you mean starter"):
        catalog.select(["startr"])
    with pytest.raises(UsageError, match="unknown kind 'essay'"):
        catalog.select(kinds=["essay"])


def test_bundled_banks_are_clean():
    problems, checked = lint_catalog([])
    assert problems == []
    assert checked >= 4


def test_json_schema_describes_every_kind():
    schema = BankFile.model_json_schema(by_alias=True)
    text = str(schema)
    for kind in ("choice", "numeric", "flashcard", "template"):
        assert f"'{kind}'" in text
    assert schema["additionalProperties"] is False


def test_yaml_is_data_never_code(tmp_path):
    """Python tags that the unsafe loader would execute are refused by the safe one."""
    (tmp_path / "evil.yaml").write_text(
        "format_version: 1\ntopic: evil\nquestions: !!python/object/apply:os.system ['touch pwned']\n"
    )
    loaded = load_file(tmp_path / "evil.yaml")
    assert loaded.valid is None and "could not determine a constructor" in loaded.problems[0].message
    assert not (tmp_path / "pwned").exists()


def test_template_instances_draw_within_ranges_and_agree_with_their_explanation():
    question = load_catalog([BANKS / "good"], bundled=False).question("starter-drill")
    for seed in range(50):
        instance = make_instance(question, "en", random.Random(seed))
        values = instance.values
        assert 7 <= values["size"] <= 64 and values["kernel"] in (1, 3, 5, 7)
        assert instance.explanation.endswith(f"= {int(instance.expected)}$.")
        assert f"Input side {values['size']}, kernel {values['kernel']}," in instance.prompt


def test_two_generators_with_one_name_are_an_error_not_a_crash(monkeypatch):
    from quizdl.drills import registry

    monkeypatch.setitem(registry._TWICE, "conv_output_size", "quizdl.drills.conv and quizdl.drills.copy")
    with pytest.raises(ValueError, match="defined twice, in quizdl.drills.conv and quizdl.drills.copy"):
        registry.get("conv_output_size")


def test_unquoted_colon_in_a_text_gets_a_hint(tmp_path):
    (tmp_path / "bank.yaml").write_text("format_version: 1\ntopic: t\ntitle: a: b\n", encoding="utf-8")
    (problem,) = load_file(tmp_path / "bank.yaml").problems
    assert "needs quotes, or a | block" in problem.message


def test_decimals_round_the_shown_answer():
    question = question_of(dict(id="n", kind="numeric", source="s", prompt={"zh": "题", "en": "q"},
                                explanation={"zh": "解", "en": "e"}, answer="2/3", decimals=2,
                                tolerance={"abs": 0.005}))
    assert make_instance(question, "en", random.Random(0)).answer_text == "0.67"


def test_a_bank_too_large_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("format_version: 1\ntopic: huge\n# " + "x" * (6 * 2**20) + "\nquestions: []\n")
    (problem,) = load_file(path).problems
    assert (problem.line, problem.field) == (1, "file") and "at most 5 MiB" in problem.message


def test_explain_questions_in_several_files_of_one_topic_all_load():
    catalog = load_catalog([BANKS / "explain"], bundled=False)
    assert not catalog.problems
    explain = catalog.select(topics=["explain-sample"], kinds=["explain"])
    assert sorted(q.id for q in explain) == ["sample-dropout-explain", "sample-residual-explain"]
    assert catalog.topic_title("explain-sample", "en") == "Explain in your own words"


def test_an_explain_file_may_add_to_a_bundled_topic(tmp_path):
    text = (BANKS / "explain" / "explain-dropout.yaml").read_text(encoding="utf-8")
    (tmp_path / "explain-dropout.yaml").write_text(text.replace("topic: explain-sample", "topic: dropout"),
                                                   encoding="utf-8")
    problems, _ = lint_catalog([tmp_path])
    assert not problems
    catalog = load_catalog([tmp_path])
    assert catalog.question("sample-dropout-explain").topic == "dropout"
    assert catalog.topic_title("dropout", "en") != "dropout"  # the bundled title is kept


def test_an_explain_instance_lists_its_points_and_shows_the_model_answer():
    question = load_catalog([BANKS / "explain"], bundled=False).question("sample-dropout-explain")
    instance = make_instance(question, "zh", random.Random(0))
    assert instance.points == [p.zh for p in question.points]
    assert instance.answer_text.splitlines()[0] == f"1. {question.points[0].zh}"
    assert instance.explanation == question.answer.zh


def _bank_files():
    from quizdl.bank.loader import find_bank_files
    from quizdl.paths import content_dir

    return find_bank_files([content_dir(), BANKS / "good"])


def _assert_built_as_validated(data):
    """Every question of a bank file's data, built by quizdl.bank.question, holds what the schema's model holds."""
    import dataclasses

    from quizdl.bank.question import build

    validated = BankFile.model_validate(data)
    for model, raw in zip(validated.questions, data["questions"], strict=True):
        built = build(raw, data["topic"])
        expected = model.model_dump(mode="json") | {"topic": model.topic or data["topic"]}
        fields = {f.name: getattr(built, f.name) for f in dataclasses.fields(built)}
        if "checks" in fields:
            fields["checks"] = [check.model_dump(mode="json") for check in fields["checks"]]
        assert _plain(fields) == expected, model.id


def _plain(value):
    """Built values as the schema's JSON dump has them: a NamedTuple as a dict by field, tuples as lists."""
    if hasattr(value, "_asdict"):
        return {name: _plain(item) for name, item in value._asdict().items()}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


@pytest.mark.parametrize("path", _bank_files(), ids=lambda path: path.name)
def test_a_built_question_holds_what_the_schema_validated(path):
    """quizdl.bank.question builds questions without pydantic; for every bundled question, each field (nested
    texts, tolerances, parameters, checks) must equal what the schema's model holds."""
    import yaml

    _assert_built_as_validated(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_a_question_with_only_the_required_fields_gets_the_schemas_defaults():
    text = {"zh": "中", "en": "en"}
    common = {"prompt": text, "explanation": text}
    _assert_built_as_validated({"format_version": 1, "topic": "t", "questions": [
        {"id": "c", "kind": "choice", **common, "options": {"a": "1", "b": text}, "answer": ["a", "b"]},
        {"id": "n", "kind": "numeric", **common, "answer": 3, "mistakes": [{"answer": "1/3", "why": text}]},
        {"id": "f", "kind": "flashcard", **common, "answer": text},
        {"id": "e", "kind": "explain", "topic": "other", "prompt": text, "points": [text] * 3, "answer": text},
        {"id": "g", "kind": "template", **common, "generator": "conv_output_size", "params": {
            "size": {"int": [8, 64]}, "kernel": {"choice": [1, 3]}, "stride": {"float": [1, 2], "step": 1}}},
    ]})
