"""`her2bot eval --compare OLD.json`: the questions whose outcome changed
since a saved report (`her2bot eval --json > OLD.json`).

Questions are matched by their text (case and spacing folded). A question's
outcome is the label the bot gave and whether it was right; a change is a
different label (right -> wrong, wrong -> right, or wrong in another way).
Questions new to the data set, and those no longer in it, are counted. With
``--typos`` in both runs (same seed and rate) the typo set is compared too.

A report saved before reports carried every outcome has only its errors:
then every question not among them is taken as answered right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.yamlfile import Problem, read_text
from bot.quality.evaluate import Outcome, Result


class ReportError(Exception):
    """The saved report cannot be used; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Change:
    outcome: Outcome  # now
    was: str  # the label the bot gave then
    was_correct: bool

    def __str__(self) -> str:
        q = self.outcome.question
        verdict = {(True, False): "right -> WRONG", (False, True): "wrong -> right"}.get(
            (self.was_correct, self.outcome.correct), "wrong -> wrong")
        return f"{q.file}:{q.line}: {q.q!r}: {verdict} (expected {q.intent}; was {self.was}, now {self.outcome.got})"


@dataclass(frozen=True)
class Comparison:
    name: str  # "questions" or "typo set"
    changes: tuple[Change, ...]
    new: int  # questions not in the old report
    gone: int  # questions of the old report no longer asked
    assumed: bool  # the old report had errors only

    def to_dict(self) -> dict[str, Any]:
        return {
            "changed": [{"q": c.outcome.question.q, "file": c.outcome.question.file, "line": c.outcome.question.line,
                         "expected": c.outcome.question.intent, "was": c.was, "now": c.outcome.got,
                         "was_correct": c.was_correct, "now_correct": c.outcome.correct} for c in self.changes],
            "new_questions": self.new,
            "gone_questions": self.gone,
            "old_report_had_errors_only": self.assumed,
        }


def load_report(path: Path) -> dict[str, Any]:
    text, problems = read_text(path, str(path))
    if text is None:
        raise ReportError(problems[0])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReportError(Problem(str(path), err.lineno, f"not a report saved by `her2bot eval --json`: {err.msg}")) from None
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict) or not isinstance(data.get("errors"), list):
        raise ReportError(Problem(str(path), 1, "not a report saved by `her2bot eval --json` (no metrics and errors)"))
    return data


def _key(text: str) -> str:
    return " ".join(str(text).casefold().split())


def compare(result: Result, old: dict[str, Any], name: str = "questions") -> Comparison:
    """What changed between an old report part (``metrics``, ``errors``, maybe ``outcomes``) and `result`."""
    entries = old.get("outcomes")
    assumed = not isinstance(entries, list)
    then: dict[str, tuple[str, bool]] = {}
    for entry in (old.get("errors", []) if assumed else entries):
        if isinstance(entry, dict) and "q" in entry and "got" in entry:
            then[_key(entry["q"])] = (str(entry["got"]), bool(entry.get("correct", False)))
    changes: list[Change] = []
    new = 0
    for outcome in result.outcomes:
        key = _key(outcome.question.q)
        if key not in then and not assumed:
            new += 1
            continue
        was, was_correct = then.get(key, (outcome.question.intent, True))
        if was != outcome.got:
            changes.append(Change(outcome, was, was_correct))
    asked = {_key(o.question.q) for o in result.outcomes}
    gone = 0 if assumed else sum(key not in asked for key in then)
    return Comparison(name, tuple(changes), new, gone, assumed)


def format_comparison(comparisons: list[Comparison], old_path: str) -> str:
    lines = [f"Changed since {old_path}:"]
    for c in comparisons:
        worse = sum(ch.was_correct and not ch.outcome.correct for ch in c.changes)
        better = sum(not ch.was_correct and ch.outcome.correct for ch in c.changes)
        lines.append(f"  {c.name}: {len(c.changes)} changed ({better} now right, {worse} now wrong), "
                     f"{c.new} new, {c.gone} no longer in the set")
        lines += [f"    {ch}" for ch in c.changes]
        if c.assumed:
            lines.append("    (the old report lists its errors only: questions not among them are taken as right then)")
    return "\n".join(lines)
