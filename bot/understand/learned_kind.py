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
    their weights differ. So each message's features are found and counted
    once, and every model's score is one more sum. At load each feature
    becomes a number, and each model a column of rarity x weight, so a
    message's score is a handful of sums over look-ups done in C."""

    def __init__(self, learned: Iterable[LearnedModel]) -> None:
        models = list(learned)
        self.kinds = tuple(m.kind for m in models)
        self.thresholds = {m.kind: m.threshold for m in models}  # over a question, social or off-topic reading
        self.thresholds_over_risky = {m.kind: m.threshold_over_risky for m in models}
        self.intercepts = tuple(m.intercept for m in models)
        self.blocks: tuple[_Block, ...] = ()
        if models:
            names = [name for name, _ in models[0].blocks]
            self.blocks = tuple(_Block(name, [dict(m.blocks)[name] for m in models]) for name in names)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def probabilities(self, normalised: str) -> dict[str, float]:
        """kind -> how likely (0-1) the message (already normalised) is of that kind."""
        z = list(self.intercepts)
        for block in self.blocks:
            found = block.indices(normalised)
            if not found:
                continue
            counts = Counter(found)
            # sublinear term frequency times rarity, the block scaled to unit length
            # (as scikit-learn's TfidfVectorizer); most features occur once, so tf is 1
            if len(counts) == len(found):
                ones, more = counts.keys(), []
            else:
                ones = [i for i, n in counts.items() if n == 1]
                more = [(i, 1.0 + math.log(n)) for i, n in counts.items() if n > 1]
            squares = block.squares
            norm = math.sqrt(sum(map(squares.__getitem__, ones)) + sum(squares[i] * t * t for i, t in more))
            for k, column in enumerate(block.columns):
                z[k] += (sum(map(column.__getitem__, ones)) + sum(column[i] * t for i, t in more)) / norm
        return {kind: 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0 for kind, score in zip(self.kinds, z)}


class _Block:
    """One block of features of every model: each feature's number, its
    rarity squared, and per model rarity x weight."""

    def __init__(self, name: str, tables: list[Mapping[str, tuple[float, float]]]) -> None:
        self.analyze = ANALYZERS[name]
        self.per_word = name in PER_WORD
        features = list(tables[0])
        self.number = {f: i for i, f in enumerate(features)}
        rarity = [tables[0][f][0] for f in features]
        self.squares = [r * r for r in rarity]
        self.columns = [[r * t[f][1] for r, f in zip(rarity, features)] for t in tables]
        self._known: dict[str, tuple[int, ...]] = {}  # word -> the numbers of its features the models have

    def indices(self, normalised: str) -> list[int]:
        """The numbers of the message's features the models have, repeats kept."""
        number = self.number
        if not self.per_word:
            return [number[f] for f in self.analyze(normalised) if f in number]
        found: list[int] = []
        known_words = self._known
        for word in normalised.split():
            known = known_words.get(word)
            if known is None:
                known = tuple(number[f] for f in self.analyze(word) if f in number)
                if len(known_words) < CACHE_LIMIT:
                    known_words[word] = known
            found += known
        return found
