"""Fast start: the everyday commands never import torch or numpy (checked in a fresh interpreter)."""

import json
import subprocess
import sys

import pytest

from conftest import BANKS

SCRIPT = """
import json, sys
from typer.testing import CliRunner
from quizdl.cli import app
args, stdin = json.loads(sys.argv[1])
result = CliRunner().invoke(app, args, input=stdin)
heavy = sorted(m for m in ("torch", "numpy") if m in sys.modules)
print(json.dumps({"exit": result.exit_code, "heavy": heavy, "output": result.output[-500:]}))
"""

GOOD = str(BANKS / "good")


@pytest.mark.parametrize(
    "args, stdin",
    [
        (["--help"], None),
        (["list"], None),
        (["list", "--json"], None),
        (["topics"], None),
        (["stats"], None),
        (["lint"], None),
        (["show", "starter-drill", "--bank", GOOD], None),
        (["practice", "--bank", GOOD, "--topic", "starter", "--kind", "numeric", "--kind", "template"], "16\n\n3\n\n"),
        (["practice", "--cram", "-n", "5", "--exercises", "0"], "?\n\n?\n\n?\n\n"),
        (["mock", "--history"], None),
        (["mock", "--bank", GOOD, "--topic", "starter", "--minutes", "5"], "s\n"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_command_does_not_import_torch_or_numpy(args, stdin, tmp_path):
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps([args, stdin])], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["exit"] == 0, report["output"]
    assert report["heavy"] == [], f"{args} imported {report['heavy']}"


@pytest.mark.parametrize("args", [["--help"], ["practice", "--help"], ["exercise"]])
def test_help_does_not_import_typers_markdown_renderer(args):
    """quizdl.ui.help draws help pages; typer's renderer would import rich.markdown and markdown-it."""
    probe = ("import sys\nfrom quizdl.cli import app\n"
             "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('typer.rich_utils', 'rich.markdown', 'markdown_it') if m in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    assert "Usage" in completed.stdout
    assert completed.stdout.strip().splitlines()[-1] == "[]", completed.stdout[-300:]
