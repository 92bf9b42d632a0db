"""Review of unanswered questions: group similar phrasings, most frequent first.

Reads what ``her2bot serve --record-unanswered FILE`` kept and groups it so
an editor sees which phrasings to add to an intent and which topics the
sheet lacks. Each question is reduced to a key the way the bot reads it
(normalised, drug names dropped so "how much does Enhertu cost" and "how
much does Kadcyla cost" meet, side effects as their ids, filler words
dropped), and keys are grouped with rapidfuzz (``token_set_ratio``): the
most frequent ungrouped question (of those, the one with the shortest key)
leads a new group and takes in every other ungrouped question at least
``threshold`` similar to it. Leader grouping, not single-link, so groups
don't chain into one another.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from rapidfuzz import fuzz, process

from bot.channels.records import Unanswered
from bot.core import Bot
from bot.understand.normalise import normalise
from bot.understand.ranking import content_words

DEFAULT_THRESHOLD = 70.0
QUESTION_WORDS = frozenset("what how much many when which who where why whats hows".split())
MAX_VARIANTS = 5


@dataclass(frozen=True)
class Group:
    count: int
    example: str  # the group's most frequent phrasing (of those, the most general)
    nearest_intent: str | None  # the intent these came nearest to, most often
    mean_score: float
    reasons: dict[str, int]  # fallback / clarify
    variants: tuple[str, ...]  # other phrasings, most frequent first
    first_day: str
    last_day: str

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "example": self.example, "nearest_intent": self.nearest_intent,
                "mean_score": self.mean_score, "reasons": dict(self.reasons), "variants": list(self.variants),
                "first_day": self.first_day, "last_day": self.last_day}


def question_key(bot: Bot, text: str) -> str:
    """What a question is about, as words to compare."""
    found = bot.entities.find(normalise(text))
    words = [w for w in content_words(found.masked).split() if not w.startswith("@") and w not in QUESTION_WORDS]
    words += [e.value for e in found.entities if e.type != "drug"]
    return " ".join(dict.fromkeys(words)) or found.masked


def group_questions(bot: Bot, rows: Sequence[Unanswered], threshold: float = DEFAULT_THRESHOLD) -> list[Group]:
    """Groups of similar unanswered questions, the largest first."""
    by_text: dict[str, list[Unanswered]] = {}
    for row in rows:
        by_text.setdefault(row.text, []).append(row)
    keys = {t: question_key(bot, t) for t in by_text}
    # Leaders: the most frequent first, then the shortest key (the most general
    # wording, which the longer ones contain), so a group forms around its core.
    texts = sorted(by_text, key=lambda t: (-len(by_text[t]), len(keys[t].split()), t))
    left = dict.fromkeys(texts)  # ordered set of texts not yet in a group
    groups: list[Group] = []
    for leader in texts:
        if leader not in left:
            continue
        del left[leader]
        members = [leader]
        if left:
            choices = {t: keys[t] for t in left}
            for _, _, text in process.extract(keys[leader], choices, scorer=fuzz.token_set_ratio,
                                              score_cutoff=threshold, limit=None):
                members.append(text)
                del left[text]
        groups.append(_group(members, by_text, keys))
    groups.sort(key=lambda g: (-g.count, g.example))
    return groups


def _group(members: list[str], by_text: dict[str, list[Unanswered]], keys: dict[str, str]) -> Group:
    rows = [row for text in members for row in by_text[text]]
    members.sort(key=lambda t: (-len(by_text[t]), len(keys[t].split()), t))
    nearest = Counter(r.nearest_intent for r in rows if r.nearest_intent).most_common(1)
    days = sorted(r.day for r in rows)
    return Group(
        count=len(rows),
        example=members[0],
        nearest_intent=nearest[0][0] if nearest else None,
        mean_score=round(sum(r.score for r in rows) / len(rows), 1),
        reasons=dict(Counter(r.reason for r in rows)),
        variants=tuple(members[1:1 + MAX_VARIANTS]),
        first_day=days[0],
        last_day=days[-1],
    )


def report(groups: Sequence[Group], total: int) -> str:
    """The groups as text for an editor."""
    if not groups:
        return "No unanswered questions recorded yet."
    lines = [f"{total} unanswered question{'s' if total != 1 else ''} in {len(groups)} "
             f"group{'s' if len(groups) != 1 else ''}, most frequent first:", ""]
    width = len(str(groups[0].count))
    for g in groups:
        nearest = f"nearest intent: {g.nearest_intent} (score {g.mean_score:.0f})" if g.nearest_intent else "nearest intent: none"
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(g.reasons.items()))
        lines.append(f"{str(g.count).rjust(width)} x  \"{g.example}\"")
        lines.append(f"{' ' * width}    {nearest}; {reasons}; {g.first_day} to {g.last_day}")
        for variant in g.variants:
            lines.append(f"{' ' * width}    also: \"{variant}\"")
    return "\n".join(lines)
