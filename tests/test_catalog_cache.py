"""The validated catalogue cache: what it gives equals a fresh load, and an entry that cannot be trusted (stale,
corrupt, tampered with, from another version, writable by others) is rebuilt, never believed."""

import itertools
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import BANKS
from quizdl.bank import catalog_cache
from quizdl.bank.catalog import load_catalog
from quizdl.bank.loader import load_file
from quizdl.ui.browse import title


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "bank.yaml"
    shutil.copy(BANKS / "good" / "starter.yaml", path)
    return path


@pytest.fixture
def parsed(monkeypatch):
    """The bank files parsed and validated from their YAML (rather than read from the cache), in order."""
    from quizdl.bank import parse

    files = []
    real = parse.parse_and_validate
    monkeypatch.setattr(parse, "parse_and_validate", lambda result, *rest: files.append(result.path) or real(result, *rest))
    return files


def _entry(cache):
    (entry,) = cache.glob("*.json")
    return entry


def _rewrite(entry, change, *, keep_digest=False, code=None):
    """Edit an entry's payload as an attacker or a crash could; with keep_digest, a digest made to match."""
    header, index, data = entry.read_bytes().split(b"\n")
    meta, document = json.loads(header), json.loads(data)
    change(document)
    payload = index + b"\n" + json.dumps(document, ensure_ascii=False).encode()
    if code is not None:
        meta["code"] = code
    if keep_digest:
        meta["digest"] = catalog_cache._digest(payload)
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    entry.chmod(0o600)


def _plain(entries):
    """Entries without the heading a cache entry adds (a fresh load renders it when asked)."""
    return [entry._replace(heading=None) for entry in entries]


def _answer_15(data):
    for question in data["questions"]:
        if question["id"] == "starter-stride2":
            question["answer"] = 15


def test_a_warm_cache_gives_the_questions_of_a_fresh_load(tmp_path, monkeypatch):
    shutil.copytree(BANKS / "good", tmp_path / "good")
    monkeypatch.setenv("QUIZDL_HOME", str(tmp_path / "home"))
    fresh = load_catalog([tmp_path / "good"], bundled=False, cache=False)
    load_catalog([tmp_path / "good"], bundled=False)  # fills the cache
    warm = load_catalog([tmp_path / "good"], bundled=False)
    assert list(warm.questions) == list(fresh.questions) and warm.where == fresh.where
    assert dict(zip(warm.entries, _plain(warm.entries.values()))) == fresh.entries
    assert warm.titles == fresh.titles
    for qid, entry in warm.entries.items():  # the rendered heading gives the line a fresh load renders
        assert entry.heading is not None
        for lang, width in itertools.product(("en", "zh"), (30, 72, 200, None)):
            assert title(entry, lang, width) == title(fresh.entries[qid], lang, width)
    assert not warm.questions._built, "a warm load builds no question until one is asked for"
    for qid in fresh.questions:
        assert vars(warm.question(qid)) == vars(fresh.question(qid))  # questions compare by identity


def test_an_edit_makes_a_new_entry(bank, tmp_path):
    cache = tmp_path / "cache"
    load_file(bank, cache)
    bank.write_text(bank.read_text(encoding="utf-8").replace("answer: 16", "answer: 15"), encoding="utf-8")
    edited = load_file(bank, cache)
    assert edited.valid.data()["starter-stride2"]["answer"] == 15
    assert len(list(cache.glob("*.json"))) == 2


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda entry: entry.write_text(entry.read_text()[:100]), id="truncated"),
        pytest.param(lambda entry: entry.write_bytes(b"\x00\xff" * 50), id="binary"),
        pytest.param(lambda entry: _rewrite(entry, _answer_15), id="payload edited, digest left"),
        pytest.param(lambda entry: _rewrite(entry, _answer_15, keep_digest=True, code="0" * 64),
                     id="another quizdl version"),
        pytest.param(lambda entry: (_rewrite(entry, _answer_15, keep_digest=True), entry.chmod(0o666)),
                     id="writable by others"),
        pytest.param(lambda entry: (_rewrite(entry, _answer_15, keep_digest=True), entry.rename(entry.with_suffix(".x")),
                                    entry.symlink_to(entry.with_suffix(".x"))), id="a symlink"),
        pytest.param(lambda entry: (entry.unlink(), entry.mkdir()), id="a folder"),
    ],
)
def test_an_entry_that_cannot_be_trusted_is_rebuilt(bank, tmp_path, spoil, parsed):
    cache = tmp_path / "cache"
    load_file(bank, cache)
    entry = _entry(cache)
    spoil(entry)
    loaded = load_file(bank, cache)
    assert not loaded.problems and parsed == [bank, bank], "validated again, from the YAML"
    assert loaded.valid.data()["starter-stride2"]["answer"] == 16
    if entry.is_file() and not entry.is_symlink():
        again = catalog_cache.read(cache, bank.read_bytes())[0]
        assert _plain(again.entries) == loaded.valid.entries and again.data() == loaded.valid.data(), "written anew"


def test_a_trusted_entry_is_believed(bank, tmp_path, parsed):
    """The other side of the test above: the same tampering with a good digest is read, so the checks above
    are what rejects those entries."""
    cache = tmp_path / "cache"
    load_file(bank, cache)
    _rewrite(_entry(cache), _answer_15, keep_digest=True)
    loaded = load_file(bank, cache)
    assert parsed == [bank] and loaded.valid.data()["starter-stride2"]["answer"] == 15


def test_a_schema_change_rebuilds_every_entry(bank, tmp_path, monkeypatch, parsed):
    cache = tmp_path / "cache"
    load_file(bank, cache)
    monkeypatch.setattr(catalog_cache, "fingerprint", lambda: "another schema")
    load_file(bank, cache)
    assert parsed == [bank, bank]


def test_files_with_problems_are_not_cached_and_keep_their_positions(tmp_path):
    path = tmp_path / "bank.yaml"
    shutil.copy(BANKS / "good" / "starter.yaml", path)
    path.write_text(path.read_text(encoding="utf-8").replace("difficulty: easy", "difficulty: trivial", 1))
    for _ in range(2):
        (problem,) = load_file(path, tmp_path / "cache").problems
        assert (problem.line, problem.field) == (7, "starter-formula.difficulty")
    assert not list((tmp_path / "cache").glob("*.json"))


def test_yaml_that_json_cannot_keep_is_not_cached(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text("format_version: 1\ntopic: t\ncreated: 2024-01-01\n", encoding="utf-8")
    load_file(bank, tmp_path / "cache")
    assert not list(tmp_path.rglob("*.json"))


def test_only_validates_the_uncached_files_that_define_the_wanted_ids(tmp_path):
    shutil.copytree(BANKS / "good", tmp_path / "good")
    shutil.copy(BANKS / "duplicates" / "first.yaml", tmp_path / "good")
    uncached = load_catalog([tmp_path / "good"], bundled=False, cache=False, only={"starter-drill"})
    assert "starter-drill" in uncached.questions and "dupes-one" not in uncached.questions


def test_the_cache_evicts_the_least_recently_used(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    data = {"format_version": 1, "topic": "t", "questions": []}
    for number in range(5):
        catalog_cache.write(folder, f"bank {number}".encode(), {**data, "topic": f"t{number}"}, {})
        os.utime(catalog_cache._entry(folder, f"bank {number}".encode()), (number, number))
    monkeypatch.setattr(catalog_cache, "MAX_ENTRIES", 3)
    assert catalog_cache.read(folder, b"bank 0")  # used again: kept
    catalog_cache.write(folder, b"bank 5", {**data, "topic": "t5"}, {})
    kept = {catalog_cache.read(folder, f"bank {n}".encode())[0].topic for n in range(6)
            if catalog_cache._entry(folder, f"bank {n}".encode()).exists()}
    assert kept == {"t0", "t4", "t5"}


@pytest.mark.parametrize("command", [["list"], ["topics"], ["stats"], ["list", "--json"]])
def test_with_a_warm_cache_listing_commands_never_validate(command, tmp_path):
    """The point of the cache: `list`, `topics` and `stats` import neither the YAML parser nor the schema (nor
    pydantic, which typer must not import either), and `list` renders no LaTeX: its headings are cached."""
    env = {**os.environ, "QUIZDL_HOME": str(tmp_path / "home")}
    heavy = ["quizdl.bank.schema", "yaml", "pydantic"] + (["pylatexenc"] if command == ["list"] else [])
    script = ("import sys\nfrom typer.testing import CliRunner\nfrom quizdl.cli import app\n"
              f"result = CliRunner().invoke(app, {command!r})\n"
              f"print(result.exit_code, *[m for m in {heavy!r} if m in sys.modules])\n")
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split()[:3] == ["0", "quizdl.bank.schema", "yaml"], first.stderr  # a cold cache validates
    warm = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert warm.stdout.split() == ["0"], warm.stderr


def _mixed_bank():
    """Questions that leave out, and that do not, what the index leaves out: a topic of their own, a difficulty
    other than medium, tags shared or not, a title whose heading is itself and prompts whose heading is not."""
    def question(qid, **fields):
        return {"id": qid, "kind": "flashcard", "prompt": {"zh": f"问 {qid}", "en": f"Ask {qid}"}, **fields}

    return {"format_version": 1, "topic": "mixed", "title": {"zh": "混合", "en": "Mixed"}, "questions": [
        question("plain", title={"zh": "纯文本", "en": "Plain text"}),
        question("formula", prompt={"zh": "$\\frac{a}{b}$ 是", "en": "What is $\\frac{a}{b}$"}, tags=["a", "b"]),
        question("own-topic", topic="elsewhere", difficulty="hard", tags=["a", "b"]),
        question("easy", difficulty="easy", tags=["c"]),
        question("half", title={"zh": "相同", "en": "`code` here"}),
    ]}


def test_the_index_restores_every_field_it_leaves_out(tmp_path):
    from quizdl.bank.entry import Bank
    from quizdl.ui.text import HEADING_CHARACTERS, one_line

    data = _mixed_bank()
    positions = {q["id"]: (3 + 5 * number, 5) for number, q in enumerate(data["questions"])}
    catalog_cache.write(tmp_path, b"mixed", data, positions)
    bank, read_positions = catalog_cache.read(tmp_path, b"mixed")
    expected = [entry._replace(heading={lang: one_line(text, HEADING_CHARACTERS) for lang, text in entry.name.items()})
                for entry in Bank.of(data).entries]
    assert bank.entries == expected and read_positions == positions
    assert (bank.topic, bank.title) == ("mixed", data["title"]) and bank.data()["own-topic"] == data["questions"][2]
    by_id = {entry.id: entry for entry in bank.entries}
    assert by_id["plain"].heading == by_id["plain"].name, "a heading equal to its name round-trips"
    assert by_id["formula"].heading == {"zh": "a/b 是", "en": "What is a/b"}
    assert by_id["half"].heading == {"zh": "相同", "en": "code here"}, "equal in one language only: both kept"
    assert [entry.tags for entry in bank.entries] == [(), ("a", "b"), ("a", "b"), ("c",), ()]
    assert [(entry.topic, entry.difficulty) for entry in bank.entries] == [
        ("mixed", "medium"), ("mixed", "medium"), ("elsewhere", "hard"), ("mixed", "easy"), ("mixed", "medium")]


def test_an_empty_bank_round_trips(tmp_path):
    catalog_cache.write(tmp_path, b"empty", {"format_version": 1, "topic": "t", "questions": []}, {})
    bank, positions = catalog_cache.read(tmp_path, b"empty")
    assert (bank.topic, bank.entries, positions, bank.data()) == ("t", [], {}, {})


@pytest.mark.parametrize("column", ["id", "kind", "topic", "difficulty", "tags", "line", "column"])
def test_an_index_with_a_column_cut_short_is_a_miss(tmp_path, column):
    """A digest made to match, so only the index's own check stands between a cut column and wrong entries."""
    catalog_cache.write(tmp_path, b"mixed", _mixed_bank(), {})
    entry = catalog_cache._entry(tmp_path, b"mixed")
    header, index, data = entry.read_bytes().split(b"\n")
    document = json.loads(index)
    document["questions"][column].pop()
    payload = json.dumps(document, ensure_ascii=False).encode() + b"\n" + data
    meta = json.loads(header) | {"digest": catalog_cache._digest(payload)}
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    assert catalog_cache.read(tmp_path, b"mixed") is None
