"""Phrasing lint for `her2bot check`: example phrasings the ranker cannot tell apart.

Every example is compared in the form the ranker compares
(``IntentIndex.choices``: normalised, drug and side-effect names masked as
``@drug`` / ``@side_effect``, filler words dropped), and, for the checks
across intents, as the set of its word stems, so word order, plurals and
filler make no difference.

Errors (the bot cannot answer both intents right):

* duplicate: two intents have a phrasing with the same word stems;
* near-duplicate: the same, but for one word that differs by a typo (one edit).

Warnings (``--strict`` fails on them unless the baseline accepts them):

* repeated: one intent has the same phrasing twice (it adds nothing);
* collision: the nearest phrasing of another intent is closer than every
  other phrasing of the example's own intent.

Nearness is word similarity: each example becomes a sorted string of word
codes, each word repeated by its rarity (the ranker's IDF), and rapidfuzz's
``ratio`` over two such strings is a rarity-weighted Dice score, 0-100. The
search is bounded, so the work grows with the number of examples, not with
its square: an example is scored against at most ``MAX_CANDIDATES``
examples of its own intent and as many for each of its ``RARE_WORDS`` rarest
words, those nearest to it in length (precomputed lists sorted by length;
``process.extract`` with a score cut-off). Each finding names the file and
line of both examples.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.content.model import Example
from bot.content.yamlfile import Problem
from bot.quality.report import Finding, Report
from bot.understand.ranking import stem

if TYPE_CHECKING:
    from bot.core import Bot

MIN_SIMILARITY = 60.0  # a neighbour less similar than this is no collision
RARE_WORDS = 2  # an example's other-intent neighbours are looked for through its rarest words
MAX_CANDIDATES = 100  # examples scored per rare word and in the own intent (those nearest in length)
TOP = 8  # neighbours kept per look-up (enough to get past the example's own intent)
TYPO_MIN_LETTERS = 5  # as the entity finder: shorter words differ in meaning with one letter (cure / care)
_FIRST_CODE = 0x10000  # word codes: characters no word uses


@dataclass(frozen=True)
class Phrasing:
    intent: str
    example: Example
    choice: str  # the ranker's form
    words: tuple[str, ...]  # sorted distinct word stems
    coded: str  # words as codes, each repeated by its weight, sorted

    @property
    def where(self) -> str:
        return f"{self.example.file}:{self.example.line}"


class ByLength:
    """Some examples sorted by coded length, with the lengths and coded strings
    alongside, so the examples of a length window are two bisections and a slice."""

    def __init__(self, ids: list[int], phrasings: list[Phrasing]) -> None:
        self.ids = sorted(ids, key=lambda i: len(phrasings[i].coded))
        self.lengths = [len(phrasings[i].coded) for i in self.ids]
        self.coded = [phrasings[i].coded for i in self.ids]

    def window(self, length: int, cutoff: float) -> tuple[list[int], list[str]]:
        """Those whose length allows a score >= cutoff, at most MAX_CANDIDATES (nearest in length)."""
        c = cutoff / 100
        lo = bisect_left(self.lengths, length * c / (2 - c))
        hi = bisect_left(self.lengths, length * (2 - c) / c + 1)
        if hi - lo > MAX_CANDIDATES:
            half = MAX_CANDIDATES // 2
            middle = min(max(bisect_left(self.lengths, length, lo, hi), lo + half), hi - half)
            lo, hi = middle - half, middle + half
        return self.ids[lo:hi], self.coded[lo:hi]


class PhrasingIndex:
    """Every example phrasing, coded for word-level nearest-neighbour search."""

    def __init__(self, bot: "Bot") -> None:
        index = bot.intents
        examples = [(intent.id, example) for intent in bot.content.intents for example in intent.examples]
        codes: dict[str, str] = {}
        self.phrasings: list[Phrasing] = []
        for (intent_id, example), choice in zip(examples, index.choices):
            words = tuple(sorted({stem(w) for w in choice.split()}))
            coded = "".join(sorted(_code(codes, w) * _weight(index.idf.get(w)) for w in words))
            self.phrasings.append(Phrasing(intent_id, example, choice, words, coded))
        by_intent: dict[str, list[int]] = defaultdict(list)
        postings: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(self.phrasings):
            by_intent[p.intent].append(i)
            for w in p.words:
                postings[w].append(i)
        self.by_intent = {intent: ByLength(ids, self.phrasings) for intent, ids in by_intent.items()}
        self.postings = {w: ByLength(ids, self.phrasings) for w, ids in postings.items()}

    def rarest(self, p: Phrasing) -> list[str]:
        return sorted(p.words, key=lambda w: (len(self.postings[w].ids), w))[:RARE_WORDS]


def _code(codes: dict[str, str], word: str) -> str:
    if word not in codes:
        codes[word] = chr(_FIRST_CODE + len(codes))
    return codes[word]


def _weight(idf: float | None) -> int:
    """How many times a word's code is repeated: its rarity, rounded."""
    return max(1, round(idf or 1.0))


# ------------------------------------------------------------ across intents


def duplicates(index: PhrasingIndex) -> list[Problem]:
    """Phrasings of different intents with the same word stems (errors)."""
    first: dict[tuple[str, ...], Phrasing] = {}
    out: list[Problem] = []
    for p in index.phrasings:
        other = first.setdefault(p.words, p)
        if other.intent != p.intent:
            out.append(Problem(
                p.example.file, p.example.line,
                f"duplicate: {p.example.text!r} ({p.intent}) is the same phrasing as {other.example.text!r} "
                f"({other.intent}) at {other.where} once names are masked, filler words dropped, words reduced to "
                "their stems and word order ignored: the bot cannot answer both; keep it in one intent only",
            ))
    return out


def near_duplicates(index: PhrasingIndex) -> list[Problem]:
    """Phrasings of different intents whose words differ only by one typo (errors).

    First the pairs of words one edit apart are found in the vocabulary
    (``typo_pairs``); only examples holding such a word are then compared.
    """
    out: list[Problem] = []
    reported: set[int] = set()
    for a, b in typo_pairs(index.postings):
        rest: dict[tuple[str, ...], int] = {}
        for j in index.postings[a].ids:
            words = index.phrasings[j].words
            rest.setdefault(tuple(w for w in words if w != a), j)
        for i in index.postings[b].ids:
            p = index.phrasings[i]
            j = rest.get(tuple(w for w in p.words if w != b))
            if j is None or i in reported or index.phrasings[j].intent == p.intent:
                continue
            reported.add(i)
            other = index.phrasings[j]
            out.append(Problem(
                p.example.file, p.example.line,
                f"near-duplicate: {p.example.text!r} ({p.intent}) differs from {other.example.text!r} "
                f"({other.intent}) at {other.where} only by a typo ({b!r} / {a!r}): the bot cannot answer both; "
                "fix the typo or keep it in one intent only",
            ))
    return out


def typo_pairs(vocabulary: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of words (a < b), TYPO_MIN_LETTERS+ letters, one edit apart.

    Two words one edit apart share a form with one letter deleted (or one is
    such a form of the other), so only words sharing such a form are compared.
    """
    forms: dict[str, list[str]] = defaultdict(list)
    for word in vocabulary:
        if len(word) >= TYPO_MIN_LETTERS and word.isalpha():  # not @drug, not her2
            for k in range(len(word) + 1):
                forms[word[:k] + word[k + 1:]].append(word)
    pairs = {tuple(sorted((a, b))) for group in forms.values() if len(group) > 1 for a in group for b in group if a != b}
    return sorted((a, b) for a, b in pairs if Levenshtein.distance(a, b) <= 1)


# ------------------------------------------------------------ within and near


def repeated(index: PhrasingIndex) -> list[Finding]:
    """The same phrasing twice in one intent, in the ranker's form (warnings)."""
    first: dict[tuple[str, str], Phrasing] = {}
    out: list[Finding] = []
    for p in index.phrasings:
        other = first.setdefault((p.intent, p.choice), p)
        if other is not p:
            out.append(Finding(
                p.example.file, p.example.line, "repeated",
                f"{p.example.text!r} ({p.intent}) is the same phrasing as {other.example.text!r} in the same intent",
                f"first at {other.where} (the same once names are masked and filler words dropped); remove one",
            ))
    return out


def collisions(index: PhrasingIndex) -> list[Finding]:
    """Examples nearer to another intent's phrasing than to their own intent's (warnings)."""
    out: list[Finding] = []
    for i, p in enumerate(index.phrasings):
        near = _nearest(index, i)
        if near is None:
            continue
        (score, j), (own_best, own_text) = near
        other = index.phrasings[j]
        own_part = f"its own intent's nearest is {own_text!r} ({own_best:.0f})" if own_text else "no other phrasing of its own intent is near"
        out.append(Finding(
            p.example.file, p.example.line, "collision",
            f"{p.example.text!r} ({p.intent}) is nearer to {other.intent} ({other.example.text!r}) than to its own intent",
            f"word similarity {score:.0f} with {other.where}; {own_part}",
        ))
    return out


def _nearest(index: PhrasingIndex, i: int) -> tuple[tuple[float, int], tuple[float, str]] | None:
    """The nearest phrasing of another intent, if nearer than the nearest of its own.

    Its own intent's phrasings are searched among those of similar length,
    other intents' among those sharing one of its rarest words (each at most
    MAX_CANDIDATES).
    """
    p = index.phrasings[i]
    own_best, own_text = 0.0, ""
    ids, coded = index.by_intent[p.intent].window(len(p.coded), MIN_SIMILARITY)
    for _, score, k in process.extract(p.coded, coded, scorer=fuzz.ratio, score_cutoff=1, limit=2):
        if ids[k] != i:
            own_best, own_text = score, index.phrasings[ids[k]].example.text
            break
    if own_best >= 100:
        return None  # nothing can be nearer than an equal phrasing of its own intent
    cutoff = max(MIN_SIMILARITY, own_best + 0.01)
    best: tuple[float, int] | None = None
    for word in index.rarest(p):
        ids, coded = index.postings[word].window(len(p.coded), cutoff)
        for _, score, k in process.extract(p.coded, coded, scorer=fuzz.ratio, score_cutoff=cutoff, limit=TOP):
            j = ids[k]
            if j == i:
                continue
            if index.phrasings[j].intent == p.intent:
                if score > own_best:
                    own_best, own_text = score, index.phrasings[j].example.text
            elif index.phrasings[j].words != p.words and (best is None or score > best[0]):
                best = (score, j)  # (the same words in another intent are a duplicate: an error already)
    if best is None or best[0] <= own_best:
        return None
    return best, (own_best, own_text)


# ------------------------------------------------------------ the check


def check_phrasings(bot: "Bot") -> Report:
    """`her2bot check` hook: duplicates are problems, the rest warnings, with a count."""
    index = PhrasingIndex(bot)
    report = Report(problems=duplicates(index) + near_duplicates(index))
    again, near = repeated(index), collisions(index)
    report.warnings += again + near
    report.info.append(
        f"phrasing lint: {len(report.problems)} duplicate(s) across intents, {len(again)} repeated within an intent, "
        f"{len(near)} collision(s) (nearer to another intent) in {len(index.phrasings)} examples"
    )
    return report
