"""Content lint (bot/quality/lint.py): duplicate and colliding example phrasings,
reported with file and line as warnings by `her2bot check`."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import main
from bot.core import Bot
from bot.quality.lint import check_phrasings, collisions, duplicates, lint
from bot.content.model import Answer, Example, Intent

REPO = Path(__file__).resolve().parent.parent
TEST_FILE = "intents/test.yaml"


def _with(bot: Bot, extra: dict[str, list[Example]], new_intents: tuple[Intent, ...] = ()) -> Bot:
    """A bot whose content has extra examples added to existing intents."""
    intents = tuple(replace(i, examples=i.examples + tuple(extra.get(i.id, []))) for i in bot.content.intents)
    return Bot(replace(bot.content, intents=intents + new_intents))


@pytest.fixture(scope="module")
def seeded(bot):
    """The shipped content plus phrasings planted to collide (or not)."""
    extra = {
        # 'hello' is a greeting example: a duplicate across intents, and a collision
        "drug_side_effects": [
            Example("hello", TEST_FILE, 7),
            # same words as a sibling example once filler is dropped: fine
            Example("what are the side effects of {drug} please", TEST_FILE, 9),
        ],
    }
    lonely = Intent(
        id="zz_lonely",
        answer=Answer("chitchat", "greeting"),
        examples=(
            # its only word-sharing rival is another intent: a collision that
            # only leave-one-out can see (the example matches itself at 100)
            Example("what are the side effects of {drug} right now", TEST_FILE, 20),
            Example("xyzzy frobnicate quux", TEST_FILE, 21),
        ),
        file=TEST_FILE,
        line=18,
    )
    return _with(bot, extra, (lonely,))


def _at(findings, line):
    return [f for f in findings if f.file == TEST_FILE and f.line == line]


def test_duplicate_across_intents_is_found_with_both_places(seeded):
    (dup,) = _at(duplicates(seeded), 7)
    assert dup.kind == "duplicate"
    assert "'hello' (drug_side_effects)" in dup.message
    assert "(greeting) at intents/chitchat.yaml:" in dup.message


def test_duplicate_within_one_intent_is_not_reported(seeded):
    assert _at(lint(seeded), 9) == []


def test_collision_names_the_intent_that_wins(seeded):
    (hit,) = _at(collisions(seeded), 7)
    assert "ranks greeting first" in hit.message


def test_leave_one_out_sees_a_collision_hidden_by_the_self_match(seeded):
    # ranked normally, the example matches itself at 100 and its own intent wins
    ranked = seeded.intents.rank(seeded.entities.find("what are the side effects of @drug right now").masked)
    assert ranked[0].intent == "zz_lonely"
    (hit,) = _at(collisions(seeded), 20)
    assert "ranks drug_side_effects first" in hit.message


def test_an_example_sharing_no_word_with_others_is_not_a_collision(seeded):
    assert _at(collisions(seeded), 21) == []


def test_findings_point_at_the_line_of_the_example(bot):
    """Every finding on the shipped content names a line that holds that example."""
    for finding in lint(bot):
        text = re.match(r"'(.*?)' \(", finding.message).group(1)
        lines = (REPO / finding.file).read_text(encoding="utf-8").splitlines()
        assert 1 <= finding.line <= len(lines)
        assert text in lines[finding.line - 1].replace('"', ""), finding


def test_lint_findings_are_warnings_with_a_count(seeded):
    report = check_phrasings(seeded)
    assert report.problems == []
    dup = sum(": duplicate: " in w for w in report.warnings)
    col = sum(": collision: " in w for w in report.warnings)
    assert dup >= 1 and col >= 2
    assert any(f"phrasing lint: {dup} duplicate(s) across intents, {col} collision(s)" in line for line in report.info)


def test_check_command_prints_lint_warnings_and_still_exits_0(capsys):
    code = main(["check"])
    out = capsys.readouterr().out
    assert code == 0, out
    summary = re.search(r"phrasing lint: (\d+) duplicate\(s\) across intents, (\d+) collision\(s\)", out)
    assert summary, out
    dup, col = int(summary.group(1)), int(summary.group(2))
    assert out.count(": duplicate: ") == dup
    assert out.count(": collision: ") == col
    assert all(re.match(r"warning: intents/\w+\.yaml:\d+: (duplicate|collision): ", line)
               for line in out.splitlines() if line.startswith("warning: intents/"))
