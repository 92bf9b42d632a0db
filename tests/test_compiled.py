"""The compiled message-kind stage (bot/compiled.py, scripts/build_compiled.py).

`make` compiles four modules with mypyc. These tests hold the build to the
sources it came from: the compiled and the pure-Python bot give the same
replies, with the same reasons, and a build older than its sources (or one
with no record) is never run. Without a build they skip, saying why; CI
(HER2BOT_REQUIRE_SYSTEM_TESTS=1) builds one and fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import Bot, __version__, compiled
from bot.quality.safety_eval import load_part

REPO = Path(__file__).resolve().parent.parent
EVERY = 10  # one message in ten of every dev part: about 4,700, some of each kind and writer
PROBE = """
import json, sys
import bot, bot.compiled, bot.understand.concepts
print(json.dumps([bot.compiled.status(), bot.understand.concepts.__file__]))
"""


def _is_compiled() -> bool:
    return compiled.status() == "compiled with mypyc"


@pytest.fixture(scope="module")
def build() -> None:
    if _is_compiled():
        return
    reason = f"the kind stage runs as {compiled.status()}: run `make fast` to build it"
    if os.environ.get("HER2BOT_REQUIRE_SYSTEM_TESTS") == "1":
        pytest.fail(f"{reason} (required: HER2BOT_REQUIRE_SYSTEM_TESTS=1)")
    pytest.skip(reason)


def _messages() -> list[str]:
    texts: list[str] = []
    for part in sorted((REPO / "tests" / "safety").glob("dev*.yaml")):
        texts += [item.text for item in load_part(part)][::EVERY]
    for path in sorted((REPO / "tests" / "eval").glob("*.yaml")):
        if "locked" not in path.name:
            texts += [q["q"] for q in (yaml.safe_load(path.read_text(encoding="utf-8")).get("questions") or [])]
    return texts


READ = """
import json, sys
from bot import Bot, __version__, compiled
bot = Bot.load()
out = [compiled.status()]
for text in json.load(sys.stdin):
    r, _ = bot.respond(text, debug=True)
    out.append([r.kind, r.intent, r.fallback, list(r.calls), r.text, r.debug.kind_reason, r.debug.reason])
print(json.dumps(out))
"""


def test_the_compiled_and_the_pure_python_bot_reply_alike(build):
    texts = _messages()
    assert len(texts) > 3000
    env = {**os.environ, compiled.PURE_ENV: "1"}
    pure = subprocess.run([sys.executable, "-c", READ], input=json.dumps(texts), env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=600, check=True)
    status, *from_source = json.loads(pure.stdout)
    assert status == f"pure Python ({compiled.PURE_ENV} is set)"
    bot = Bot.load()
    differ = []
    for text, expected in zip(texts, from_source):
        r, _ = bot.respond(text, debug=True)
        got = [r.kind, r.intent, r.fallback, list(r.calls), r.text, r.debug.kind_reason, r.debug.reason]
        if got != expected:
            differ.append((text, expected[:2], got[:2]))
    assert not differ, f"{len(differ)} of {len(texts)} replies differ, e.g. {differ[:3]}"


def _copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "bot", tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__", "static"))
    return tmp_path


def _probe(root: Path) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV}
    env["PYTHONPATH"] = str(root)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=root, capture_output=True, text=True,
                          timeout=120, check=True)
    status, where = json.loads(done.stdout)
    return status, where


def test_a_current_build_runs_compiled(build, tmp_path):
    status, where = _probe(_copy_of_the_package(tmp_path))
    assert status == "compiled with mypyc"
    assert where.endswith(".so")


def test_an_edited_source_is_never_shadowed_by_its_old_build(build, tmp_path):
    root = _copy_of_the_package(tmp_path)
    kind = root / "bot" / "understand" / "kind.py"
    kind.write_text(kind.read_text(encoding="utf-8") + "\n# an edit after the build\n", encoding="utf-8")
    status, where = _probe(root)
    assert status.startswith("pure Python (the sources changed since the build")
    assert where == str(root / "bot" / "understand" / "concepts.py")  # all modules, not only the edited one


def test_extensions_without_their_record_are_not_trusted(build, tmp_path):
    root = _copy_of_the_package(tmp_path)
    (root / "bot" / "compiled.json").unlink()
    status, where = _probe(root)
    assert "without bot/compiled.json" in status
    assert where.endswith("concepts.py")


def test_the_version_says_how_the_kind_stage_runs():
    done = subprocess.run([sys.executable, "-m", "bot", "--version"], cwd=REPO, capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == f"her2bot {__version__} (message-kind stage: {compiled.status()})"
