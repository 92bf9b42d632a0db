"""One YAML dialect: every shipped YAML file reads the same with libyaml's C
loader and with PyYAML's pure-Python SafeLoader (what bot/content/yamlfile.py
falls back to when libyaml is missing).

Each loader runs in its own process, reads every file through the project's
own reader (``read_yaml``) and prints the data with every line number it
recorded; the two printouts must be equal. The pure-Python process makes the
C loader unavailable before the bot is imported, and says which loader it
used, so the test cannot pass by running the C loader twice.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("knowledge", "intents", "tests/conversations", "tests/eval", "tests/safety")

# Runs in a subprocess: argv[1] is "c" or "pure", the rest are files.
DUMP = r"""
import json, sys
import yaml
if sys.argv[1] == "pure":
    del yaml.CSafeLoader  # as on a machine where PyYAML was built without libyaml
from bot.content import yamlfile
from bot.content.yamlfile import LineDict, LineList, read_yaml

def plain(value):
    if isinstance(value, LineDict):
        return {"line": value.line, "keys": {k: [value.line_of(k), plain(v)] for k, v in value.items()}}
    if isinstance(value, LineList):
        return {"line": value.line, "items": [[value.line_of(i), plain(v)] for i, v in enumerate(value)]}
    return value

out = {"loader": yamlfile._BaseLoader.__name__, "files": {}}
for name in sys.argv[2:]:
    data, problems = read_yaml(__import__("pathlib").Path(name), name)
    out["files"][name] = {"data": plain(data), "problems": [str(p) for p in problems]}
print(json.dumps(out, sort_keys=True, default=str))
"""


def shipped_files() -> list[str]:
    files = [str(p.relative_to(REPO)) for folder in SHIPPED for p in sorted((REPO / folder).glob("*.y*ml"))]
    assert len(files) >= 15, files  # knowledge, intents, conversations, eval and safety sets
    return files


def dump(loader: str, files: list[str]) -> dict:
    result = subprocess.run([sys.executable, "-c", DUMP, loader, *files], cwd=REPO, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def both() -> tuple[dict, dict]:
    files = shipped_files()
    return dump("c", files), dump("pure", files)


def test_the_pure_python_run_really_uses_the_pure_python_loader(both):
    c, pure = both
    assert pure["loader"] == "SafeLoader"
    if c["loader"] != "CSafeLoader":
        pytest.skip("PyYAML here was built without libyaml: both runs used the pure-Python loader")


def test_every_shipped_file_loads_without_problems_with_the_pure_python_loader(both):
    _, pure = both
    failing = {name: got["problems"] for name, got in pure["files"].items() if got["problems"] or got["data"] is None}
    assert failing == {}


def test_both_loaders_give_the_same_data_and_the_same_lines(both):
    c, pure = both
    assert set(c["files"]) == set(pure["files"])
    differ = [name for name in c["files"] if c["files"][name] != pure["files"][name]]
    assert differ == []
