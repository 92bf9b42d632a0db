"""`her2bot chat` with input piped in: one conversation, replies in order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HER2BOT = REPO / ".venv" / "bin" / "her2bot"


def her2bot(*args: str, stdin: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    command = [str(HER2BOT)] if HER2BOT.exists() else [sys.executable, "-m", "bot"]
    env = dict(os.environ, HER2BOT_HISTORY=str(tmp_path / "history"))
    return subprocess.run([*command, *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60)


def test_piped_json_follow_up_is_about_kadcyla_given_by_iv(tmp_path: Path):
    done = her2bot("chat", "--json", stdin="what is kadcyla\nhow is it given\n", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["intent"] == "drug_overview"
    assert first["entities"]["drug"] == "ado-trastuzumab-emtansine"
    assert second["intent"] == "drug_how_given"
    assert second["entities"]["drug"] == "ado-trastuzumab-emtansine"
    assert "IV" in second["text"] and "Kadcyla" in second["text"]
    assert second["text"].endswith(second["disclaimer"])
    assert not (tmp_path / "history").exists()  # no history in piped mode


def test_piped_text_skips_empty_lines_and_separates_replies(tmp_path: Path):
    done = her2bot("chat", stdin="what is kadcyla\n\n   \nhow is it given\n", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    disclaimer = "This information is for education only"
    assert done.stdout.count(disclaimer) == 2  # two replies, the blank lines were skipped
    first, second = done.stdout.split("\n\nKadcyla is given", 1)  # a blank line between replies
    assert "Ado-trastuzumab emtansine (Kadcyla)" in first
    assert "\x1b" not in done.stdout  # no colour or screen control codes
    assert done.stderr == ""


def test_bare_her2bot_with_piped_input_chats_too(tmp_path: Path):
    done = her2bot("--content", str(REPO), stdin="what is kadcyla\nhow is it given\n", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Kadcyla is given as an IV drug" in " ".join(done.stdout.split())


def test_piped_json_debug_includes_the_ranking(tmp_path: Path):
    done = her2bot("chat", "--json", "--debug", stdin="does enhertu affect the lungs\n", tmp_path=tmp_path)
    reply = json.loads(done.stdout)
    assert reply["debug"]["ranking"] and reply["debug"]["decision"]


def test_piped_mode_does_not_import_prompt_toolkit(tmp_path: Path):
    code = ("import sys; from bot.cli import main; status = main(['chat', '--json']); "
            "print('prompt_toolkit loaded' if 'prompt_toolkit' in sys.modules else 'no prompt_toolkit', file=sys.stderr); "
            "sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code], input="what is her2\n", capture_output=True,
                          text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0
    assert "no prompt_toolkit" in done.stderr
    assert json.loads(done.stdout)["intent"]


def test_bad_content_folder_is_a_clear_error(tmp_path: Path):
    done = her2bot("chat", "--content", str(tmp_path / "missing"), stdin="hi\n", tmp_path=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "cannot start" in done.stderr
