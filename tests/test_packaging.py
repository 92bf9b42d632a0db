"""The wheel carries the content: a non-editable install runs with no repo.

Builds the wheel, installs it (without dependencies) into a private folder
and runs `python -m bot check` and `ask` from outside the repository, with
that folder first on sys.path, so the installed copy (not the source tree) is
what runs and the content it finds is the one shipped inside the wheel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    (found,) = out.glob("her2bot-*.whl")
    return found


def test_wheel_contains_content_and_data(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("bot/_content/knowledge/drugs.yaml", "bot/_content/intents/safety.yaml", "bot/_content/check-baseline.txt",
                     "bot/understand/data/common_english.txt", "bot/understand/data/rarer_english.txt", "bot/cli.py"):
        assert required in names, f"{required} missing from {wheel.name}"
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_runs_without_the_repo(wheel: Path, tmp_path: Path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k != "HER2BOT_CONTENT"}
    env["PYTHONPATH"] = str(site)
    where = subprocess.run([sys.executable, "-c", "import bot.content as c; print(c.default_root())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).resolve() == (site / "bot" / "_content").resolve()
    check = subprocess.run([sys.executable, "-m", "bot", "check", "--strict"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "OK" in check.stdout
    ask = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "what is kadcyla"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert json.loads(ask.stdout)["entities"] == {"drug": "ado-trastuzumab-emtansine"}
