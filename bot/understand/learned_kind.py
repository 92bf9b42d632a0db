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
from typing import Callable, Iterable, Mapping

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


class LearnedKinds:
    """The learned models, read in one pass over the message.

    Models trained on the same messages share their features and each
    feature's rarity (bot/content/learned.py checks that they were); only
    their weights differ. So each message's features are found, counted and
    scaled once, and every model's score is one more sum."""

    def __init__(self, learned: Iterable[LearnedModel]) -> None:
        models = list(learned)
        self.kinds = tuple(m.kind for m in models)
        self.thresholds = {m.kind: m.threshold for m in models}
        self.intercepts = tuple(m.intercept for m in models)
        self.blocks: tuple[tuple[str, dict[str, tuple[float, tuple[float, ...]]]], ...] = ()
        if models:
            names = [name for name, _ in models[0].blocks]
            self.blocks = tuple((name, _merged([dict(m.blocks)[name] for m in models])) for name in names)
        self._known: dict[tuple[str, str], tuple[str, ...]] = {}  # (block, word) -> its features the models have

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def _features(self, name: str, table: Mapping[str, object], normalised: str) -> Counter[str]:
        analyze = ANALYZERS[name]
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

    def probabilities(self, normalised: str) -> dict[str, float]:
        """kind -> how likely (0-1) the message (already normalised) is of that kind."""
        z = list(self.intercepts)
        for name, table in self.blocks:
            counts = self._features(name, table, normalised)
            if not counts:
                continue
            # sublinear term frequency times rarity, the block scaled to unit length (as scikit-learn's TfidfVectorizer)
            rows = [((1.0 + math.log(n)) * table[f][0], table[f][1]) for f, n in counts.items()]
            norm = math.sqrt(sum(v * v for v, _ in rows))
            for k in range(len(z)):
                z[k] += sum(v * weights[k] for v, weights in rows) / norm
        return {kind: 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0 for kind, score in zip(self.kinds, z)}


def _merged(tables: list[Mapping[str, tuple[float, float]]]) -> dict[str, tuple[float, tuple[float, ...]]]:
    """feature -> (rarity, each model's weight)."""
    return {f: (idf, tuple(t[f][1] for t in tables)) for f, (idf, _) in tables[0].items()}
