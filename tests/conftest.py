"""Shared fixtures: every test gets its own data folder and a fixed terminal."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import random

import pytest

BANKS = Path(__file__).parent / "banks"
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Progress goes to a temp folder; no learner banks, English, no colour, a fixed width."""
    home = tmp_path / "home"
    monkeypatch.setenv("QUIZDL_HOME", str(home))
    monkeypatch.delenv("QUIZDL_BANKS", raising=False)
    monkeypatch.setenv("QUIZDL_LANG", "en")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    return home


@pytest.fixture
def run():
    """`quizdl ARGS...` in this process, with typer's CliRunner; exceptions propagate to the test."""
    from typer.testing import CliRunner

    from quizdl.cli import app

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


def draws(name, make, count=200, seed=0):
    """`count` (params, outputs) pairs of generator `name`, params drawn by `make(rng)`; Redraws skipped."""
    from quizdl.drills import registry

    rng = random.Random(seed)
    found = []
    for _ in range(count * 20):
        params = make(rng)
        try:
            found.append((params, registry.run(name, params)))
        except registry.Redraw:
            continue
        if len(found) == count:
            break
    assert len(found) == count, f"{name} rejected almost every draw"
    return found


def question_of(data, topic="t"):
    """A question from its data as written in a bank: checked by the schema as a bank file is, then built."""
    from quizdl.bank.question import build
    from quizdl.bank.schema import BankFile

    BankFile.model_validate({"format_version": 1, "topic": topic, "questions": [data]})
    return build(data, topic)
