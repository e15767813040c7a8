"""A non-editable install from a wheel carries the banks and the reference solutions."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def test_wheel_ships_content_and_works_installed(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("quizdl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    banks = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.yaml"))
    shipped = [n.removeprefix("quizdl/_content/") for n in names if n.startswith("quizdl/_content/")]
    assert sorted(n for n in shipped if n.endswith(".yaml")) == banks
    assert any(n.startswith("quizdl/_solutions/") for n in names) == any((ROOT / "solutions").iterdir())

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}  # ahead of the editable checkout on sys.path
    where = subprocess.run([sys.executable, "-c", "from quizdl.paths import content_dir; print(content_dir())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=env).stdout.strip()
    assert where == str(target / "quizdl" / "_content")
    lint = subprocess.run([sys.executable, "-m", "quizdl", "lint"], capture_output=True, text=True, cwd=tmp_path,
                          env=env)
    assert lint.returncode == 0 and lint.stdout.startswith("ok: "), lint.stdout + lint.stderr
