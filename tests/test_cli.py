"""The command line, in-process with typer's CliRunner."""

import json
import os
import shutil

import pytest
import typer
from typer.testing import CliRunner

from conftest import BANKS
from quizdl.cli import app
from quizdl.cli_help import commands
from quizdl.progress.store import Store

GOOD = str(BANKS / "good")
STARTER = ["--bank", GOOD, "--topic", "starter"]


def test_help_lists_the_commands(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("practice", "lint", "schema", "list", "show", "topics", "stats", "suspend", "unsuspend"):
        assert command in result.output


def test_lint_passes_on_the_bundled_banks(run):
    result = run("lint")
    assert result.exit_code == 0 and result.output.startswith("ok: ")


def test_lint_of_a_bundled_file_or_a_file_named_twice_reads_it_once(run, tmp_path):
    """In a checkout, `quizdl lint content/x.yaml` names a bundled file again: its ids must not clash with themselves."""
    from quizdl.paths import content_dir

    bundled = next(content_dir().glob("*.yaml"))
    linked = tmp_path / "same.yaml"
    linked.symlink_to(bundled)
    result = run("lint", str(bundled), str(content_dir()), str(linked))
    assert result.exit_code == 0 and "duplicate" not in result.output, result.output
    copy = tmp_path / "copy.yaml"  # a copy is another file: its ids do clash
    shutil.copy(bundled, copy)
    assert "duplicate id" in run("lint", str(copy)).output


def test_lint_lists_problems_and_exits_1(run):
    result = run("lint", str(BANKS / "broken"))
    assert result.exit_code == 1
    assert "unknown_kind.yaml:6:5: broken-essay.kind: unknown kind 'essay'" in result.output
    assert "malformed_yaml.yaml:7:7: yaml:" in result.output
    assert "Traceback" not in result.output


def test_schema_is_json_schema(run):
    schema = json.loads(run("schema").output)
    assert schema["title"] == "BankFile" and "questions" in schema["properties"]


def test_list_json_never_cuts_titles(run):
    rows = json.loads(run("list", "--json").output)
    assert not any(row["title"].endswith("…") for row in rows)
    assert max(len(row["title"]) for row in rows) > 60


def test_list_json(run):
    rows = json.loads(run("list", "--json", *STARTER).output)
    assert [r["id"] for r in rows] == ["starter-formula", "starter-stride2", "starter-same-padding", "starter-drill"]
    assert set(rows[0]) >= {"id", "kind", "topic", "title"}
    assert rows[1]["kind"] == "numeric" and rows[1]["topic"] == "starter"
    assert rows[1]["title"].startswith("A 32×32 input")


def test_list_filters_by_kind(run):
    rows = json.loads(run("list", "--json", "--kind", "flashcard", *STARTER).output)
    assert [r["id"] for r in rows] == ["starter-same-padding"]


def test_list_table_and_topics(run):
    assert "starter-drill" in run("list", *STARTER).output
    topics = run("topics", "--bank", GOOD).output
    assert "starter" in topics and "Starter bank" in topics


def test_show_prints_prompt_answer_and_explanation(run):
    result = run("show", "starter-stride2", "--bank", GOOD)
    assert result.exit_code == 0
    assert "3×3 conv with stride 2" in result.output and "16" in result.output
    assert "⌊31/2⌋ + 1 = 16" in result.output
    chinese = run("show", "starter-stride2", "--bank", GOOD, "--lang", "zh").output
    assert "输出边长是多少" in chinese


def test_show_unknown_id_is_a_usage_error(run):
    result = run("show", "no-such-question")
    assert result.exit_code == 2
    assert "unknown question id 'no-such-question'" in result.output


def test_bad_language_is_a_usage_error(run):
    result = run("list", "--lang", "fr")
    assert result.exit_code == 2 and "--lang must be zh or en" in result.output


def test_unknown_topic_is_a_usage_error(run):
    result = run("practice", "--topic", "no-such-topic")
    assert result.exit_code == 2 and "unknown topic 'no-such-topic'" in result.output


def test_practice_with_piped_answers_saves_them_and_prints_a_summary(run, isolated_home):
    result = run("practice", *STARTER, "--kind", "numeric", input="17\n\n16\n\n")
    assert result.exit_code == 0, result.output
    assert "Not quite" in result.output and "forgot" not in result.output
    assert 'That is the formula without the "-1"' in result.output  # the listed mistake is explained
    assert "Correct" in result.output
    assert "Session summary" in result.output
    with Store.in_dir(isolated_home) as store:
        assert [(r.question_id, r.correct) for r in store.reviews()] == [
            ("starter-stride2", False), ("starter-stride2", True)]


def test_end_of_input_ends_the_session_and_keeps_answers(run, isolated_home):
    result = run("practice", *STARTER, "--kind", "numeric", "--kind", "flashcard", "--seed", "2", input="16\n")
    assert result.exit_code == 0
    assert "Session summary" in result.output
    with Store.in_dir(isolated_home) as store:
        assert len(store.reviews()) == 1


def test_undo_at_the_next_prompt_then_a_flashcard_rating(run, isolated_home):
    # easy numeric first (new questions come easy first), then the flashcard
    keys = "17\n\n" + "u\n" + "16\n\n" + "\n2\n"
    result = run("practice", *STARTER, "--kind", "numeric", "--kind", "flashcard", input=keys)
    assert result.exit_code == 0, result.output
    assert "Undone" in result.output
    with Store.in_dir(isolated_home) as store:
        assert [(r.question_id, r.rating, r.correct) for r in store.reviews()] == [
            ("starter-stride2", 3, True), ("starter-same-padding", 2, None)]


def test_nothing_due_says_so(run):
    result = run("practice", *STARTER, "--new", "0")
    assert "Nothing to practise now" in result.output and result.exit_code == 0
    assert "new questions are used up" in result.output and "--new" in result.output


def test_nothing_to_practise_says_why_and_what_to_do(run):
    run("practice", *STARTER, "--kind", "numeric", input="16\n\n")  # the only numeric question, answered
    not_due = run("practice", *STARTER, "--kind", "numeric")
    assert "nothing is due until" in not_due.output and "--cram" in not_due.output
    run("suspend", "starter-stride2", "--bank", GOOD)
    assert "suspended" in run("practice", *STARTER, "--kind", "numeric").output
    zh = run("practice", *STARTER, "--kind", "numeric", "--lang", "zh")
    assert "现在没有需要练习的题目：" in zh.output and "暂停" in zh.output


def test_data_dir_option_and_quizdl_home(run, tmp_path):
    run("practice", *STARTER, "--kind", "numeric", "--data-dir", str(tmp_path / "elsewhere"), input="16\n\n")
    with Store.in_dir(tmp_path / "elsewhere") as store:
        assert len(store.reviews()) == 1


def test_suspend_and_unsuspend(run, isolated_home):
    assert run("suspend", "starter-stride2", "--bank", GOOD).output.strip() == "suspended starter-stride2"
    assert "already" in run("suspend", "starter-stride2", "--bank", GOOD).output
    result = run("practice", *STARTER, "--kind", "numeric")
    assert "Nothing to practise now" in result.output
    assert run("unsuspend", "starter-stride2").exit_code == 0
    again = run("unsuspend", "starter-stride2")  # like suspend twice: said, not an error
    assert again.exit_code == 0 and "was not suspended" in again.output
    assert run("suspend", "nope").exit_code == 2


def test_stats_after_practice(run):
    run("practice", *STARTER, "--kind", "numeric", input="16\n\n")
    result = run("stats", "--bank", GOOD)
    assert result.exit_code == 0
    assert "streak: 1 day" in result.output
    starter = next(line for line in result.output.splitlines() if line.startswith("Starter bank"))
    assert [cell.strip() for cell in starter.split("│")[1:4]] == ["4", "1", "0"]  # total, seen, due
    assert "100%" in starter


def test_learner_banks_from_the_environment_and_a_broken_file_is_skipped(run, tmp_path, monkeypatch):
    shutil.copytree(BANKS / "good", tmp_path / "mine")
    shutil.copy(BANKS / "broken" / "unknown_kind.yaml", tmp_path / "mine")
    monkeypatch.setenv("QUIZDL_BANKS", str(tmp_path / "mine"))
    result = run("practice", "--topic", "starter", "--kind", "numeric", input="16\n\n")
    assert "warning: skipped 1 problem(s)" in result.output and "unknown_kind.yaml" in result.output
    assert "Correct" in result.output


@pytest.mark.parametrize("command", [["stats"], ["practice", "-n", "1"], ["suspend", "resnet-degradation"]])
def test_a_data_folder_that_is_a_file_is_a_clear_error(run, tmp_path, monkeypatch, command):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path / "file"))
    result = run(*command, input="q\n")
    assert result.exit_code == 1 and "is a file" in result.output and str(tmp_path / "file") in result.output
    assert "Traceback" not in result.output


def test_a_data_folder_that_cannot_be_created_is_a_clear_error(run, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path / "file" / "below"))
    result = run("practice", "-n", "1", input="q\n")
    assert result.exit_code == 1 and "is a file" in result.output and "Traceback" not in result.output


def test_stats_only_looks_it_creates_nothing(run, isolated_home):
    assert run("stats").exit_code == 0
    assert not (isolated_home / "progress.sqlite3").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
def test_stats_works_in_a_read_only_data_folder_and_practice_says_read_only(run, isolated_home):
    assert run("practice", "-n", "1", input="q\n").exit_code == 0
    isolated_home.chmod(0o555)
    (isolated_home / "progress.sqlite3").chmod(0o444)
    try:
        assert run("stats").exit_code == 0
        result = run("suspend", "resnet-degradation")
        assert result.exit_code == 1 and "read-only" in result.output
    finally:
        isolated_home.chmod(0o755)


def test_a_template_that_cannot_be_drawn_is_skipped_with_its_id(run, tmp_path):
    bank = tmp_path / "mine.yaml"
    bank.write_text(
        "format_version: 1\ntopic: mine\nquestions:\n"
        "  - id: mine-never\n    kind: template\n    generator: conv_output_size\n"
        "    params: {size: {int: [1, 2]}, kernel: {choice: [7]}, stride: {int: [1, 2]}, padding: {int: [0, 1]}, "
        "dilation: {choice: [1]}}\n"
        "    prompt: {zh: '边长 {{size}}', en: 'side {{size}}'}\n    explanation: {zh: 解, en: why}\n"
        "  - id: mine-ok\n    kind: numeric\n    prompt: {zh: 一加一, en: one plus one}\n    answer: 2\n"
        "    explanation: {zh: 解, en: why}\n", encoding="utf-8")
    result = run("practice", "--bank", str(tmp_path), "--topic", "mine", "--cram", "--seed", "1", input="2\n\n")
    assert result.exit_code == 0, result.output
    assert "skipped a question that cannot be drawn: mine-never" in " ".join(result.output.split())
    assert "Correct" in result.output


def test_version_and_short_help(run):
    from quizdl import __version__

    assert run("--version").output.strip() == f"quizdl {__version__}"
    assert "Usage" in run("-h").output and "Usage" in run("grade", "-h").output


def test_help_names_values_instead_of_python_types(run):
    text = run("practice", "--help").output
    options = [line for line in text.splitlines() if "--" in line and "--help" not in line]
    assert options and not any("<bool>" in line for line in options)  # typer's own --help row keeps its style
    assert "list[" not in text and "TOPIC" in text


@pytest.mark.parametrize("path", [path for path, _ in commands(typer.main.get_command(app))])
def test_every_help_page_shows_every_option_its_default_and_the_required(run, path):
    """quizdl.ui.help draws the pages typer would: each visible option, defaults, required arguments."""
    command = dict(commands(typer.main.get_command(app)))[path]
    text = " ".join(run(*path.split(), "--help").output.split())
    assert text.startswith(f"Usage: quizdl {path}".rstrip()), text[:80]
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            assert max(param.opts, key=len) in text, param.opts
        if param.param_type_name == "option" and isinstance(param.default, int) and not param.is_flag:
            assert f"[default: {param.default}]" in text, param.opts
        if param.required:
            assert "[required]" in text
    for name in getattr(command, "commands", {}):
        assert name in text


def test_no_arguments_print_the_help_page_and_exit_2(run):
    for args in ([], ["exercise"]):
        result = run(*args)
        assert result.exit_code == 2 and "Usage: quizdl" in result.output and "Commands" in result.output


@pytest.mark.parametrize("variable", ["LC_ALL", "LANGUAGE", "LC_MESSAGES", "LANG"])
def test_the_language_follows_the_locale(run, monkeypatch, variable):
    monkeypatch.delenv("QUIZDL_LANG")
    for name in ("LC_ALL", "LANGUAGE", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, "zh_CN.UTF-8")
    assert "现在没有需要练习的题目" in run("practice", *STARTER, "--new", "0").output


@pytest.mark.parametrize("name, message", [("deck.txt", "ends in .apkg"), ("missing/deck.apkg", "no such folder")])
def test_export_refuses_a_wrong_name_or_folder(run, tmp_path, name, message):
    result = run("export", "anki", str(tmp_path / name))
    assert result.exit_code == 2 and message in result.output and not (tmp_path / "missing").exists()


def test_a_missing_bank_folder_is_said_even_by_list(run, tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZDL_BANKS", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(app, ["list", "--json"])
    assert f"no bank folder {tmp_path / 'nowhere'}" in result.stderr
    json.loads(result.stdout)


def test_a_cut_title_is_the_start_of_the_whole_title():
    """`list` renders only the start of a long prompt: what it shows must still be the whole title's start."""
    from quizdl.bank.catalog import load_catalog
    from quizdl.ui.browse import title

    for entry in load_catalog().entries.values():
        for lang in ("zh", "en"):
            whole = title(entry, lang, limit=None)
            for limit in (20, 40, 80):
                cut = title(entry, lang, limit=limit)
                assert cut == whole or (cut.endswith("…") and whole.startswith(cut[:-1])), (entry.id, lang, limit)
                assert len(cut) <= limit
