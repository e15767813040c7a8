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


def test_an_installed_package_is_out_of_the_sandboxs_sight(tmp_path):
    """Installed in a venv's site-packages, which the sandbox must bind, quizdl (judge, references) stays hidden."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("quizdl-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = next((venv / "lib").glob("python3*/site-packages"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    import numpy

    (site / "dependencies.pth").write_text(str(Path(numpy.__file__).parent.parent) + "\n")  # torch, numpy, typer...
    package = site / "quizdl"
    attack = tmp_path / "attack.py"
    attack.write_text(
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('ref', {str(package / '_solutions' / 'softmax.py')!r})\n"
        "ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)\n"
        "softmax = ref.softmax\n"
        f"open({str(package / 'grader' / 'judge.py')!r}, 'a').write('# was here')\n"
    )
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    verdict = subprocess.run([python, "-m", "quizdl", "grade", "softmax", str(attack), "--json"], capture_output=True,
                             text=True, cwd=tmp_path, env=env, timeout=300)
    import json

    report = json.loads(verdict.stdout)
    assert verdict.returncode == 1 and not report["passed"] and report["isolation"] == "full"
    assert "No such file" in report["checks"][0]["detail"]
    assert "# was here" not in (package / "grader" / "judge.py").read_text()
    good = subprocess.run([python, "-m", "quizdl", "grade", "softmax", str(package / "_solutions" / "softmax.py")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert good.returncode == 0, good.stdout + good.stderr
