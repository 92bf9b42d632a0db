"""Phrasing lint (bot/quality/lint.py) on the shipped content: every finding
names lines that hold the phrasings it talks about, the summary counts what is
printed, and the typo pairs are one edit apart. (Each kind of finding is
planted in a copy of the content in tests/test_checks.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.quality.lint import PhrasingIndex, collisions, duplicates, near_duplicates, repeated, typo_pairs

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def index(bot) -> PhrasingIndex:
    return PhrasingIndex(bot)


def _line(place: str) -> str:
    file, line = place.rsplit(":", 1)
    return (REPO / file).read_text(encoding="utf-8").splitlines()[int(line) - 1].replace('"', "")


def test_shipped_content_has_no_phrasing_in_two_intents(index):
    assert duplicates(index) == [] and near_duplicates(index) == []


def test_every_warning_names_the_lines_of_both_phrasings(index):
    findings = repeated(index) + collisions(index)
    assert findings, "the shipped content has accepted warnings (see check-baseline.txt)"
    for finding in findings:
        texts = re.findall(r"'(.*?)'", finding.subject)
        assert texts[0] in _line(f"{finding.file}:{finding.line}"), finding
        other = re.search(r"(?:at|with) (\S+\.yaml:\d+)", finding.detail).group(1)
        assert texts[1] in _line(other), finding


def test_the_summary_counts_what_is_printed(capsys):
    code = main(["check", "--all-warnings"])
    out = capsys.readouterr().out
    assert code == 0, out
    summary = re.search(r"phrasing lint: (\d+) duplicate\(s\) across intents, (\d+) repeated within an intent, "
                        r"(\d+) collision\(s\)", out)
    assert summary, out
    dup, again, near = map(int, summary.groups())
    assert dup == 0
    assert out.count(": repeated: ") == again and out.count(": collision: ") == near
    for line in out.splitlines():
        if ": repeated: " in line or ": collision: " in line:
            assert re.match(r"(warning|accepted): intents/\w+\.yaml:\d+: (repeated|collision): ", line), line


def test_typo_pairs_are_words_one_edit_apart():
    words = ["effect", "efect", "effects", "affect", "pill", "pills", "nausea", "nausia", "@drug", "drug", "her2", "her3"]
    assert typo_pairs(words) == [("affect", "effect"), ("efect", "effect"), ("effect", "effects"), ("nausea", "nausia")]
