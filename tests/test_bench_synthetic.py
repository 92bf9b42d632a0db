"""The scaling benchmarks' synthetic content (bench/synthetic_content.py) is
content the bot accepts: it loads, passes `her2bot check` without problems,
and is N times the shipped content in example phrasings."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.content import check_content
from bot.content.loader import MAX_FILE_BYTES
from bot.quality.checks import run_checks

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from synthetic_content import write_content  # noqa: E402


def test_synthetic_content_is_n_times_the_shipped_and_passes_check(tmp_path):
    shipped, problems = check_content(REPO)
    assert problems == []
    examples = sum(len(i.examples) for i in shipped.intents)
    written = write_content(tmp_path / "x3", 3)
    content, problems = check_content(tmp_path / "x3")
    assert problems == []
    assert len(content.intents) == written.intents == 2 * len(shipped.intents)
    assert abs(written.examples - 3 * examples) <= 0.05 * 3 * examples
    assert all(p.stat().st_size < MAX_FILE_BYTES for p in (tmp_path / "x3" / "intents").glob("*.yaml"))
    assert run_checks(tmp_path / "x3").problems == []


def test_the_same_factor_writes_the_same_content(tmp_path):
    write_content(tmp_path / "a", 2)
    write_content(tmp_path / "b", 2)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
