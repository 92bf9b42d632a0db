"""CI quality gates (issue 5): accuracy on the shipped labelled question set,
on its seeded typo version, and the plain-language rule.

The evaluation runs in-process on one Bot, exactly as `her2bot eval --typos`
does (same data set, same default seed), so a failure here can be explored
with `her2bot eval --typos --show-errors`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.quality import evaluate as ev
from bot.quality.readability import MAX_ANY, MAX_MEAN, check_readability
from bot.quality.typos import DEFAULT_SEED

DATASET = Path(__file__).resolve().parent / "eval" / "questions.yaml"

MIN_ACCURACY = 0.95
MIN_OOS_RECALL = 0.95
MAX_FALSE_FALLBACK = 0.03
MIN_TYPO_ACCURACY = 0.90

@pytest.fixture(scope="module")
def questions(bot):
    assert DATASET.exists(), f"the labelled data set is missing: {DATASET}"
    return ev.load_dataset(DATASET, bot)


@pytest.fixture(scope="module")
def result(bot, questions):
    return ev.evaluate(bot, questions)


@pytest.fixture(scope="module")
def typo_result(bot, questions):
    return ev.evaluate(bot, ev.perturbed(questions, DEFAULT_SEED))


def _why(result: ev.Result) -> str:
    worst = "; ".join(f"{c.count}x {c.expected}->{c.got} e.g. {c.example!r}" for c in result.confusions[:5])
    return f"most confused: {worst}"


def test_intent_accuracy(result):
    assert result.metrics.accuracy >= MIN_ACCURACY, f"intent accuracy {result.metrics.accuracy:.3f}; {_why(result)}"


def test_out_of_scope_recall(result):
    assert result.metrics.oos_recall >= MIN_OOS_RECALL, f"out-of-scope recall {result.metrics.oos_recall:.3f}"


def test_false_fallback_rate(result):
    assert result.metrics.false_fallback <= MAX_FALSE_FALLBACK, f"false-fallback rate {result.metrics.false_fallback:.3f}"


def test_typo_set_accuracy(typo_result):
    acc = typo_result.metrics.accuracy
    assert acc >= MIN_TYPO_ACCURACY, f"typo-set accuracy {acc:.3f} (seed {DEFAULT_SEED}); {_why(typo_result)}"


def test_reading_grade(bot):
    report = check_readability(bot)
    assert not report.problems, (
        f"answers must read at grade <= {MAX_ANY:g} each and <= {MAX_MEAN:g} on average:\n"
        + "\n".join(map(str, report.problems))
    )
