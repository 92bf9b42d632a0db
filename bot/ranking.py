"""Stage 4: score every intent against the masked message, then rank once.

At load, each example phrasing is normalised, its entities masked exactly as a
user message would be (``{drug}`` -> ``@drug``), and filler words dropped. Per
message, rapidfuzz scores the message against all examples in one call; each
intent keeps its best example, and the intents are sorted once (the shape of
opsdroid's ``get_ranked_skills``). Fallback and clarification are decided
later, in ``policy.py``, from this ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .entities import EntityIndex
from .model import Intent
from .normalise import normalise

# Words that carry no intent: dropped from both sides before scoring.
# Question words (what, how, when, which, who) are kept on purpose: they are
# what tells "how is X given" from "when is X used".
FILLER = frozenset(
    """
    a an the of to for my me i im ive id you your please can could would will do does did is are was were be been
    it its thats that this these those just so really about tell know want like any some am on in at with from
    and or but if then there their they them we our us she her he him his hers mom mum dad wife husband sister
    brother friend daughter son mother father okay ok um uh well also still now been being very just
    """.split()
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def content_words(masked: str) -> str:
    words = [w for w in masked.split() if w not in FILLER]
    return " ".join(words) if words else masked


def mask_example(text: str, entities: EntityIndex) -> str:
    """Normalise an example phrasing, keeping its {placeholders} as @tokens."""
    parts = _PLACEHOLDER.split(text)
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"@{part}")
        else:
            out.append(entities.find(normalise(part)).masked)
    return " ".join(p for p in out if p)


@dataclass(frozen=True)
class Candidate:
    intent: str
    score: float  # 0..100
    example: str  # the example phrasing that scored best


# Blend of two rapidfuzz scorers: word-set overlap (forgives extra words in
# long, run-on messages) and sorted-word similarity (penalises missing words).
SCORERS = ((fuzz.token_set_ratio, 0.55), (fuzz.token_sort_ratio, 0.45))


class IntentIndex:
    """Masked example phrasings of all intents, ready for one-call scoring."""

    def __init__(self, intents: tuple[Intent, ...], entities: EntityIndex) -> None:
        self.choices: list[str] = []
        self.owner: list[str] = []
        self.source: list[str] = []
        for intent in intents:
            for example in intent.examples:
                self.choices.append(content_words(mask_example(example.text, entities)))
                self.owner.append(intent.id)
                self.source.append(example.text)
        self.words = frozenset(w for c in self.choices for w in c.split())

    def rank(self, masked: str) -> list[Candidate]:
        query = content_words(masked)
        if not query:
            return []
        blended = [0.0] * len(self.choices)
        for scorer, weight in SCORERS:
            for _, score, index in process.extract(query, self.choices, scorer=scorer, limit=None):
                blended[index] += weight * score
        best: dict[str, tuple[float, int]] = {}
        for index, score in enumerate(blended):
            intent = self.owner[index]
            if intent not in best or score > best[intent][0]:
                best[intent] = (score, index)
        ranked = [Candidate(intent, round(score, 2), self.source[index]) for intent, (score, index) in best.items()]
        ranked.sort(key=lambda c: (-c.score, c.intent))
        return ranked
