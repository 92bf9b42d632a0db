"""The learned back-ups of the risky kinds: how likely is this message a crisis,
or an emergency?

The rules of intents/kinds.yaml find a kind through lexicons, and people write
in words no list holds: crises above all ("weighing up the balcony",
"there's no me after march"), and emergencies too. Fresh test parts showed
it: a new writer's crises were caught half to nine times in ten. These
models learned from the labelled messages of the safety corpus's dev parts,
so they read words and word pieces the lexicons never listed.

Each is a logistic regression over two blocks of TF-IDF features, each block
scaled to unit length: words and word pairs, and pieces of 3-5 letters of
each word (so "overdosing" and "overdosed" share most of their pieces).
`her2bot train` fits them with scikit-learn and writes their weights to
intents/<kind>_model.json; reading a message needs only this module.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Mapping

from bot.content.model import LearnedModel

PIECE_SIZES = (3, 4, 5)


def word_features(normalised: str) -> list[str]:
    """Each word, and each pair of neighbouring words."""
    words = normalised.split()
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def piece_features(normalised: str) -> list[str]:
    """The 3-5 letter pieces of each word, the word's edges marked by a space."""
    pieces: list[str] = []
    for word in normalised.split():
        padded = f" {word} "
        for n in PIECE_SIZES:
            pieces += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
    return pieces


ANALYZERS: dict[str, Callable[[str], list[str]]] = {"words": word_features, "pieces": piece_features}
PER_WORD = frozenset({"pieces"})  # blocks whose features come word by word: cached per word
CACHE_LIMIT = 50_000  # words whose pieces are kept (the words people use recur)


class KindModel:
    """The weights of one LearnedModel, ready to score messages."""

    def __init__(self, learned: LearnedModel) -> None:
        self.kind = learned.kind
        self.blocks = tuple((name, ANALYZERS[name], table) for name, table in learned.blocks)
        self.intercept = learned.intercept
        self.threshold = learned.threshold
        self._known: dict[tuple[str, str], tuple[str, ...]] = {}  # (block, word) -> its features the model has

    def _features(self, name: str, analyze: Callable[[str], list[str]], table: Mapping[str, tuple[float, float]],
                  normalised: str) -> Counter[str]:
        if name not in PER_WORD:
            return Counter(f for f in analyze(normalised) if f in table)
        counts: Counter[str] = Counter()
        for word in normalised.split():
            known = self._known.get((name, word))
            if known is None:
                known = tuple(f for f in analyze(word) if f in table)
                if len(self._known) < CACHE_LIMIT:
                    self._known[(name, word)] = known
            counts.update(known)
        return counts

    def probability(self, normalised: str) -> float:
        """How likely (0-1) the message (already normalised) is of this kind."""
        z = self.intercept
        for name, analyze, table in self.blocks:
            counts = self._features(name, analyze, table, normalised)
            if not counts:
                continue
            # sublinear term frequency times rarity, the block scaled to unit length (as scikit-learn's TfidfVectorizer)
            values = [(1.0 + math.log(n)) * table[f][0] for f, n in counts.items()]
            norm = math.sqrt(sum(v * v for v in values))
            z += sum(v * table[f][1] for v, f in zip(values, counts)) / norm
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def says(self, normalised: str) -> tuple[bool, float]:
        """(at or above the threshold?, the probability)."""
        p = self.probability(normalised)
        return p >= self.threshold, p
