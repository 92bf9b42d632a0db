"""The learned back-ups of the risky kinds: how likely is this message a crisis,
an emergency, or a decision about the writer's own treatment?

The rules of intents/kinds.yaml find a kind through lexicons, and people write
in words no list holds: crises above all ("weighing up the balcony",
"there's no me after march"), and emergencies too. Fresh test parts showed
it: a new writer's crises were caught half to nine times in ten, and
decisions asked around the edges ("booked the cabin, then found out cycle 5
is the 11th. can a cycle be 4 weeks just once?") two times in three. These
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
from array import array
from typing import Callable, Final, Iterable, Mapping

from mypy_extensions import mypyc_attr

from bot.content.model import LearnedModel

PIECE_SIZES: Final = (3, 4, 5)


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


ANALYZERS: Final[dict[str, Callable[[str], list[str]]]] = {"words": word_features, "pieces": piece_features}


# How each block's features split into units that recur from message to message, so
# that a unit's features and sums are found once: a word's pieces; a word or a pair
# of words is its own (single) feature. Every block reads the words; PAIRS, whether it
# also reads each pair of neighbouring words.
def _itself(unit: str) -> list[str]:
    return [unit]


UNIT_FEATURES: Final[dict[str, Callable[[str], list[str]]]] = {"words": _itself, "pieces": piece_features}
PAIRS: Final[dict[str, bool]] = {"words": True, "pieces": False}
CACHE_LIMIT: Final = 50_000  # units whose features and sums are kept (the words people use recur)
# a unit's entry: per block, the numbers of its features (repeats kept), their sums
# ([sum of rarity squared, then each model's sum of rarity x weight, then each model's
# sum of rarity x weight over the features of positive weight]) and how often its most
# repeated feature occurs in it
Entry = tuple[tuple[tuple[int, ...], tuple[float, ...], int], ...]
# how far below a threshold's log-odds the bound of LearnedKinds.first_reached must be for a
# kind to be ruled out: far more than the rounding error of the few hundred additions behind
# a bound or a score, and too little to matter (a log-odds of 1e-6 is a probability of 2.5e-7)
BOUND_MARGIN: Final = 1e-6


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # kept in the snapshot (SNAPSHOT_CLASS in concepts.py)
class LearnedKinds:
    """The learned models, read in one pass over the message.

    Models trained on the same messages share their features and each
    feature's rarity (bot/content/learned.py checks that they were); only
    their weights differ. So each message's features are found and counted
    once, and every model's score is one more sum. At load each feature
    becomes a number, and each model a column of rarity x weight; per unit
    (a word, or a pair of words) the numbers of its features in every block
    and their sums are kept, under one key (a word's own feature and its
    pieces are one look-up), so a message's score is a sum over its units,
    corrected for the few features that occur more than once. The kind stage asks
    only whether a score reaches its threshold (first_reached), and most messages
    are settled by an upper bound, also a sum over the units, without that
    correction."""

    def __init__(self, learned: Iterable[LearnedModel]) -> None:
        models = list(learned)
        self.kinds = tuple(m.kind for m in models)
        self.thresholds = {m.kind: m.threshold for m in models}  # over a question, social or off-topic reading
        self.thresholds_over_risky = {m.kind: m.threshold_over_risky for m in models}
        self.intercepts = tuple(m.intercept for m in models)
        self._index = {kind: i for i, kind in enumerate(self.kinds)}
        self.blocks: tuple[_Block, ...] = ()
        if models:
            names = [name for name, _ in models[0].blocks]
            self.blocks = tuple(_Block(name, [dict(m.blocks)[name] for m in models]) for name in names)
        self._known: dict[str, Entry] = {}  # word -> its Entry
        # first word -> second word -> the pair's Entry: a pair is looked up by its two
        # words (whose hashes the string keeps), not by a string built for it
        self._pairs: dict[str, dict[str, Entry]] = {}
        self._kept = 0  # entries kept in both (at most CACHE_LIMIT)
        empty: tuple[float, ...] = (0.0,) * (2 * len(models) + 1)
        self._nothing: Entry = tuple(((), empty, 0) for _ in self.blocks)  # a unit no block has

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def _entry(self, unit: str, pair: bool) -> Entry:
        entry = tuple(block.sums(unit) if block.pairs or not pair else self._nothing[0] for block in self.blocks)
        if all(not numbers for numbers, _, _ in entry):
            entry = self._nothing  # one shared entry: most pairs of words are no feature
        return entry

    def _word_entry(self, word: str) -> Entry:
        entry = self._entry(word, False)
        if self._kept < CACHE_LIMIT:
            self._known[word] = entry
            self._kept += 1
        return entry

    def _pair_entry(self, first: str, second: str) -> Entry:
        entry = self._entry(f"{first} {second}", True)
        if self._kept < CACHE_LIMIT:
            self._pairs.setdefault(first, {})[second] = entry
            self._kept += 1
        return entry

    def probabilities(self, normalised: str) -> dict[str, float]:
        """kind -> how likely (0-1) the message (already normalised) is of that kind."""
        return self._probabilities(self._entries(normalised))

    def first_reached(self, normalised: str, kinds: list[str],
                      thresholds: Mapping[str, float]) -> tuple[str, float] | None:
        """The first of ``kinds`` whose probability reaches its threshold, with that
        probability, or None: the answer of probabilities() held against ``thresholds``.

        Most messages are far below every threshold, and an upper bound on each score
        settles them without the exact score, whose repeated features must be found (a
        sort of every feature of the message, and a touch of each). A block's part of a
        score is sum(x_f w_f) / |x|, where x_f = (1 + ln n_f) r_f for a feature found n_f
        times, of rarity r_f and weight w_f. As 1 + ln n <= n, the sum is at most P, the
        sum over every occurrence of r_f max(w_f, 0); and (1 + ln n)^2 >= c n for every
        n <= N, with c = min(1, (1 + ln N)^2 / N), so |x|^2 >= c S, S the sum over every
        occurrence of r_f^2. With N the sum over the units of their most repeated
        feature's count (no feature occurs more often), P / sqrt(c S) bounds the part,
        from sums kept per unit. A kind whose bound is below its threshold's log-odds
        (by BOUND_MARGIN) cannot reach it; when none can, the answer is None."""
        entries = self._entries(normalised)
        if self._below(entries, kinds, thresholds):
            return None
        probabilities = self._probabilities(entries)
        for kind in kinds:
            if probabilities[kind] >= thresholds[kind]:
                return kind, probabilities[kind]
        return None

    def _below(self, entries: list[Entry], kinds: list[str], thresholds: Mapping[str, float]) -> bool:
        """Is each of ``kinds`` sure to score below its threshold (first_reached)?"""
        n_models = len(self.kinds)
        blocks: list[tuple[list[tuple[float, ...]], float]] = []  # each block's rows, and 1 / sqrt(c S)
        for b in range(len(self.blocks)):
            rows: list[tuple[float, ...]] = []
            repeats = 0.0
            for entry in entries:
                numbers, sums, most = entry[b]
                if numbers:
                    rows.append(sums)
                    repeats += most
            if not rows:
                continue
            square = 0.0
            for row in rows:
                square += row[0]
            grown = 1.0 + math.log(repeats)
            blocks.append((rows, 1.0 / math.sqrt(min(1.0, grown * grown / repeats) * square)))
        for kind in kinds:
            threshold = thresholds[kind]
            if not 0.0 < threshold < 1.0:
                return False
            k = 1 + n_models + self._index[kind]  # the kind's column of positive sums
            bound = self.intercepts[self._index[kind]]
            for rows, scale in blocks:
                positive = 0.0
                for row in rows:
                    positive += row[k]
                bound += positive * scale
            if bound >= math.log(threshold / (1.0 - threshold)) - BOUND_MARGIN:
                return False
        return True

    def _entries(self, normalised: str) -> list[Entry]:
        """The entries of the message's units that are features of some block: its
        words, then its pairs of words."""
        words = normalised.split()
        known = self._known
        pairs = self._pairs
        nothing = self._nothing
        entries: list[Entry] = []
        for word in words:
            entry = known.get(word)
            if entry is None:
                entry = self._word_entry(word)
            if entry is not nothing:
                entries.append(entry)
        for i in range(1, len(words)):
            first, second = words[i - 1], words[i]
            after = pairs.get(first)
            pair_entry = after.get(second) if after is not None else None
            if pair_entry is None:
                pair_entry = self._pair_entry(first, second)
            if pair_entry is not nothing:
                entries.append(pair_entry)
        return entries

    def _probabilities(self, entries: list[Entry]) -> dict[str, float]:
        """probabilities() of the message whose units' entries these are (_entries)."""
        z = list(self.intercepts)
        for b, block in enumerate(self.blocks):
            features: list[int] = []
            rows: list[tuple[float, ...]] = []  # each unit's sums
            for entry in entries:
                numbers, sums, _ = entry[b]
                if numbers:
                    features.extend(numbers)
                    rows.append(sums)
            if not features:
                continue
            block_sums = block.totals(rows, features)
            norm = math.sqrt(block_sums[0])
            for k in range(len(z)):
                z[k] += block_sums[k + 1] / norm
        return {kind: 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0 for kind, score in zip(self.kinds, z)}


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
class _Block:
    """One block of features of every model: each feature's number, its
    rarity squared, and per model rarity x weight."""

    def __init__(self, name: str, tables: list[Mapping[str, tuple[float, float]]]) -> None:
        self.unit_features = UNIT_FEATURES[name]
        self.pairs = PAIRS[name]
        features = list(tables[0])
        self.number = {f: i for i, f in enumerate(features)}
        rarity = [tables[0][f][0] for f in features]
        # arrays of doubles, not lists of floats: the snapshot (bot/content/snapshot.py)
        # reads them back as one block of memory rather than a float object per feature
        # (about 20 ms of every start with 150,000 features)
        self.squares = array("d", [r * r for r in rarity])
        self.columns = [array("d", [r * t[f][1] for r, f in zip(rarity, features)]) for t in tables]
        self._rows: dict[int, tuple[float, ...]] = {}  # feature -> its row (_fix)

    def sums(self, unit: str) -> tuple[tuple[int, ...], tuple[float, ...], int]:
        """The numbers of the unit's features this block has (repeats kept); their
        sums: of rarity squared, then each model's rarity x weight, then each model's
        rarity x weight over the features of positive weight; and how many times its
        most repeated feature occurs in it."""
        number = self.number
        numbers = tuple(number[f] for f in self.unit_features(unit) if f in number)
        sums = (sum(map(self.squares.__getitem__, numbers)),
                *(sum(map(column.__getitem__, numbers)) for column in self.columns),
                *(sum([max(column[n], 0.0) for n in numbers]) for column in self.columns))
        return numbers, sums, max([numbers.count(n) for n in numbers], default=0)

    def totals(self, rows: list[tuple[float, ...]], features: list[int]) -> list[float]:
        """The block's sums over a message, from its units' ``rows`` and ``features``
        (repeats kept): sublinear term frequency times rarity, as scikit-learn's
        TfidfVectorizer. The rows count a feature that occurs n times n times; it
        should count 1 + log(n) (and its square in the norm (1 + log(n))^2). Sorted,
        a repeated feature is a run (cheaper than counting into a dict). Each sum
        stays a machine float until the end (compiled: no Python float built for
        every addition)."""
        fixes: list[tuple[tuple[float, ...], float, float]] = []  # (the feature's row, extra square, extra)
        features.sort()
        previous, n = -1, 0
        for feature in features:
            if feature == previous:
                n += 1
                continue
            if n > 1:
                fixes.append(self._fix(previous, n))
            previous, n = feature, 1
        if n > 1:
            fixes.append(self._fix(previous, n))
        totals: list[float] = []
        for k in range(len(self.columns) + 1):
            total = 0.0
            for row in rows:
                total += row[k]
            for fix_row, extra_square, extra in fixes:
                total += fix_row[k] * (extra_square if k == 0 else extra)
            totals.append(total)
        return totals

    def _fix(self, feature: int, n: int) -> tuple[tuple[float, ...], float, float]:
        """A feature found ``n`` times: its row (rarity squared, then each model's
        rarity x weight) and what its square and each weight must add."""
        row = self._rows.get(feature)
        if row is None:
            row = (self.squares[feature], *[column[feature] for column in self.columns])
            if len(self._rows) < CACHE_LIMIT:
                self._rows[feature] = row  # the few features that repeat (" th", "ing") recur
        tf = 1.0 + math.log(n)
        return row, tf * tf - n, tf - n
