"""Content lint for `her2bot check`: example phrasings that fight each other.

Two kinds of finding, both warnings (the content still works, but the ranker
cannot tell the phrasings apart, so some user questions go to the wrong
answer):

* duplicate: two intents share a phrasing once it is normalised, its drug and
  side-effect names masked and filler words dropped -- exactly the form the
  ranker compares (``IntentIndex.choices``).
* collision: fed to the ranker as if a user had typed it, an example ranks a
  DIFFERENT intent first. Every example matches itself at 100, so each one is
  ranked leave-one-out: the example itself is never scored, and its intent
  competes through its other examples only.

Each finding names the file and line of the example (``Example.file/line``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.understand.ranking import IntentIndex, mask_example
from bot.quality.report import Report

if TYPE_CHECKING:
    from bot.core import Bot


@dataclass(frozen=True)
class Finding:
    kind: str  # "duplicate" | "collision"
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


def _examples(bot: "Bot") -> list[tuple[str, object]]:
    """(intent id, Example) in the same order as the ranker's choices."""
    return [(intent.id, example) for intent in bot.content.intents for example in intent.examples]


def duplicates(bot: "Bot") -> list[Finding]:
    index = bot.intents
    first: dict[str, tuple[str, object]] = {}
    out: list[Finding] = []
    for (intent_id, example), choice in zip(_examples(bot), index.choices):
        if choice not in first:
            first[choice] = (intent_id, example)
            continue
        other_id, other = first[choice]
        if other_id != intent_id:
            out.append(Finding(
                "duplicate", example.file, example.line,
                f"{example.text!r} ({intent_id}) is the same phrasing as {other.text!r} ({other_id}) "
                f"at {other.file}:{other.line} once names are masked and filler words dropped",
            ))
    return out


SELF = "\x00self"  # owner label given to the example being checked


def leave_one_out(index: IntentIndex, i: int) -> IntentIndex:
    """The ranker's own index, seen as if example `i` could not be matched: it
    belongs to no intent (owner SELF) and, where the index keeps word
    postings, it is taken out of them so it is never scored. Everything else
    (word rarity, typo vocabulary) stays exactly as in production, so the
    ranking is the one a user phrasing close to, but not equal to, the example
    would get. (Rebuilding the index without the example would also change
    word rarity, and take ~20 s for ~400 examples.)"""
    view = copy.copy(index)
    view.owner = list(index.owner)
    view.owner[i] = SELF
    postings = getattr(index, "postings", None)
    if isinstance(postings, dict):
        view.postings = {w: [j for j in js if j != i] for w, js in postings.items()}
    return view


def collisions(bot: "Bot") -> list[Finding]:
    index = bot.intents
    out: list[Finding] = []
    for i, (intent_id, example) in enumerate(_examples(bot)):
        ranked = [c for c in leave_one_out(index, i).rank(mask_example(example.text, bot.entities)) if c.intent != SELF]
        if not ranked or ranked[0].intent == intent_id:
            continue
        top = ranked[0]
        own = next((c for c in ranked if c.intent == intent_id), None)
        own_part = f"its own intent scores {own.score:.1f}" if own else "no other example of its own intent shares a word with it"
        out.append(Finding(
            "collision", example.file, example.line,
            f"{example.text!r} ({intent_id}) ranks {top.intent} first ({top.score:.1f}, via {top.example!r}); {own_part}",
        ))
    return out


def lint(bot: "Bot") -> list[Finding]:
    return duplicates(bot) + collisions(bot)


def check_phrasings(bot: "Bot") -> Report:
    """`her2bot check` hook: duplicates and collisions as warnings, with a count."""

    findings = lint(bot)
    report = Report(warnings=[str(f) for f in findings])
    dup = sum(f.kind == "duplicate" for f in findings)
    col = len(findings) - dup
    report.info.append(
        f"phrasing lint: {dup} duplicate(s) across intents, {col} collision(s) "
        f"(examples ranking another intent first) in {len(bot.intents.choices)} examples"
    )
    return report
