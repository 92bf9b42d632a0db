"""Stage 4: score every intent against the masked message, then rank once.

At load, each example phrasing is normalised, its entities masked exactly as a
user message would be (``{drug}`` -> ``@drug``), and filler words dropped. Per
message, rapidfuzz scores the message against all examples in one call; each
intent keeps its best example, and the intents are sorted once (the shape of
opsdroid's ``get_ranked_skills``). Fallback and clarification are decided
later, in ``policy.py``, from this ranking.
"""

from __future__ import annotations

import math
from functools import lru_cache
import heapq
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

from rapidfuzz import fuzz

from bot.understand.entities import EntityIndex
from bot.content.model import Intent
from bot.understand.normalise import normalise

# Words that carry no intent: dropped from both sides before scoring.
# Question words (what, how, when, which, who) are kept on purpose: they are
# what tells "how is X given" from "when is X used".
FILLER = frozenset(
    """
    a an the of to my me i im ive id please could would will do does did is are was were be been
    it its thats that this these those just so really about tell know want like any some am on in at with from
    and or but if then there their they them we our us she her he him his hers mom mum dad wife husband sister
    brother friend daughter son mother father okay ok um uh well also still now been being very just
    exactly actually basically anyway anyways honestly literally simply even yet again kindly plain english
    terms simple layman laymans words
    """.split()
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


# Words people use interchangeably, folded before scoring (both sides).
SYNONYMS = {
    "medicine": "drug", "medicines": "drugs", "medication": "drug", "medications": "drugs",
    "med": "drug", "meds": "drugs", "medicament": "drug",
}


def content_words(masked: str) -> str:
    words = [SYNONYMS.get(w, w) for w in masked.split() if w not in FILLER]
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


# Two views of similarity, blended:
#  * word overlap weighted by rarity (IDF): rare words such as "pronounce" or
#    "biosimilar" count for more than "her2" or "drug" (misspellings are
#    already fixed by bot/understand/spelling.py);
#  * whole-string fuzzy similarity (rapidfuzz), which forgives typos inside
#    words and rewards the same word order.
SCORERS = ((fuzz.token_set_ratio, 0.5), (fuzz.token_sort_ratio, 0.5))
OVERLAP_WEIGHT = 0.6
RANK_WINDOW = 25.0
MAX_VISITED = 16  # examples scored in full per message, best overlap first
RARE_POSTINGS = 400  # a word in more examples than this is common: its examples are walked shortest first
COMMON_WALK = 400  # at most this many steps of that walk per message (see IntentIndex._walk_common)
INTENT_WEIGHT = 0.35  # share of the score from the intent-as-a-whole similarity
# A word no example has counts against a match; an everyday English word
# ("kindly", "exactly") counts less than a foreign term ("tamoxifen").
COMMON_UNKNOWN_FACTOR = 0.5


_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ably", "able", "ibly", "ible", "edly", "ed", "ly", "es", "s")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light suffix stripper so 'cure', 'cured', 'curable' and 'curing'
    meet, as do 'treat', 'treated' and 'treatment'. Keeps at least three
    letters and drops a final 'e' so 'cure'/'cur' agree."""
    if word.startswith("@") or len(word) <= 3 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


class IntentIndex:
    """Masked example phrasings of all intents, ready for one-call scoring."""

    def __init__(
        self,
        intents: tuple[Intent, ...],
        entities: EntityIndex,
        english: frozenset[str] = frozenset(),
        banks: Mapping[str, tuple[str, ...]] = MappingProxyType({}),
    ) -> None:
        """``banks`` are more candidates scored like intents: id -> example
        messages (the message-kind stage's examples, "kind:crisis", ...)."""
        self.english = english
        self.choices: list[str] = []
        self.owner: list[str] = []
        self.source: list[str] = []
        labelled = [(i.id, e.text) for i in intents for e in i.examples] + [(b, t) for b, texts in banks.items() for t in texts]
        for owner, text in labelled:
            self.choices.append(content_words(mask_example(text, entities)))
            self.owner.append(owner)
            self.source.append(text)
        # rarity of each stemmed word: in how many intents does it appear?
        intents_with: dict[str, set[str]] = {}
        example_stems: list[frozenset[str]] = []
        for choice, owner in zip(self.choices, self.owner):
            stems = frozenset(stem(w) for w in choice.split())
            example_stems.append(stems)
            for w in stems:
                intents_with.setdefault(w, set()).add(owner)
        n = len({*self.owner})
        self.idf = {w: math.log(1 + n / len(owners)) for w, owners in intents_with.items()}
        self.unknown_idf = math.log(1 + n)  # a word no example has: as rare as can be
        self.stems = example_stems
        self.norms = [math.sqrt(sum(self.idf[w] ** 2 for w in stems)) or 1.0 for stems in example_stems]
        # Each word's examples as indices (postings) and as places in the
        # examples' order by norm, shortest first, so the examples sharing a
        # common word can be walked best-first and the walk stopped early
        # (see `_walk_common`).
        self.by_norm = sorted(range(len(example_stems)), key=self.norms.__getitem__)
        self.inverse_norm = [1.0 / self.norms[index] for index in self.by_norm]  # by place
        self.places: dict[str, list[int]] = {}
        for place, index in enumerate(self.by_norm):
            for w in example_stems[index]:
                self.places.setdefault(w, []).append(place)
        self.postings = {w: [self.by_norm[place] for place in places] for w, places in self.places.items()}
        self.vocabulary = sorted(self.idf)
        # Each intent as one document: a word's weight is its rarity times the
        # share of the intent's examples that use it, so an intent's key words
        # ("her2" for the HER2 intent) count even when they are common overall.
        per_intent: dict[str, dict[str, int]] = {}
        sizes: dict[str, int] = {}
        for stems, owner in zip(example_stems, self.owner):
            sizes[owner] = sizes.get(owner, 0) + 1
            counts = per_intent.setdefault(owner, {})
            for w in stems:
                counts[w] = counts.get(w, 0) + 1
        # Stored per intent, divided by the intent's norm: only the intents
        # whose examples reached the top are ever compared as a whole.
        self.intent_weights: dict[str, dict[str, float]] = {}
        for owner, counts in per_intent.items():
            weights = {w: self.idf[w] * c / sizes[owner] for w, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            self.intent_weights[owner] = {w: v / norm for w, v in weights.items()}

    def weights(self, query: str) -> dict[str, float]:
        """Each (stemmed) query word and its rarity weight."""
        out: dict[str, float] = {}
        for w in query.split():
            w = stem(w)  # spelling was already fixed upstream (bot/understand/spelling.py)
            out[w] = self.idf.get(w) or (self.unknown_idf * (COMMON_UNKNOWN_FACTOR if w in self.english else 1.0))
        return out

    def overlap(self, weights: dict[str, float]) -> Iterator[tuple[float, int]]:
        """The MAX_VISITED examples with the largest word overlap, largest
        first, as (overlap, example): the cosine (0-100) between the query's
        word weights and the example's. Lazily: the caller usually stops
        after a few.

        Without visiting every example that shares a word: the examples of
        the query's rare words (at most RARE_POSTINGS each) are all scored;
        those of its common words ("what", "@drug") are walked as in Fagin's
        threshold algorithm (see `_walk_common`)."""
        squares = {w: v * v for w, v in weights.items()}
        postings = self.postings
        rare = [w for w in squares if len(postings.get(w, ())) <= RARE_POSTINGS]
        common = [w for w in squares if len(postings.get(w, ())) > RARE_POSTINGS]
        dots: dict[int, float] = {}
        get = dots.get
        for w in rare:
            square = squares[w]
            for index in postings.get(w, ()):
                dots[index] = get(index, 0.0) + square
        if common:
            stems = self.stems
            for index in dots:
                example = stems[index]
                dots[index] += sum(squares[w] for w in common if w in example)
            self._walk_common(common, squares, dots)
        norms = self.norms
        scale = 100.0 / (math.sqrt(sum(squares.values())) or 1.0)
        # (-overlap, example): a heap whose first item is the largest overlap
        # (on a tie, the earlier example)
        heap = [(-d / norms[i], i) for i, d in dots.items()]
        heapq.heapify(heap)
        for _ in range(min(MAX_VISITED, len(heap))):
            negative, index = heapq.heappop(heap)
            yield -negative * scale, index

    def _walk_common(self, words: list[str], squares: dict[str, float], dots: dict[int, float]) -> None:
        """Score, into ``dots``, the examples reached through the common words.

        Each common word's examples are in norm order, so a word's share of
        an example's overlap (its square over the norm) only falls along its
        list. The walk always takes the next example of the word whose share
        is largest, and stops once the sum of every word's next share (the
        most an example not yet seen could score) is below the MAX_VISITED-th
        best so far: then the result is exact. It also stops after
        COMMON_WALK steps, which bounds the cost however large the content
        grows (on the shipped content the exact stop comes first)."""
        query = squares.keys()
        stems, norms, by_norm, inverse = self.stems, self.norms, self.by_norm, self.inverse_norm
        common = [(squares[w], self.places[w]) for w in words]
        kept = heapq.nlargest(MAX_VISITED, (d / norms[i] for i, d in dots.items()))
        kept.reverse()  # ascending: a valid min-heap
        cursor = [0] * len(common)
        share = [square * inverse[places[0]] for square, places in common]
        total = sum(share)
        heap = [(-v, j) for j, v in enumerate(share)]
        heapq.heapify(heap)
        for _ in range(COMMON_WALK):
            if not heap or (len(kept) >= MAX_VISITED and total <= kept[0]):
                return
            _, j = heapq.heappop(heap)
            square, places = common[j]
            index = by_norm[places[cursor[j]]]
            cursor[j] += 1
            old = share[j]
            share[j] = square * inverse[places[cursor[j]]] if cursor[j] < len(places) else 0.0
            total += share[j] - old
            if share[j]:
                heapq.heappush(heap, (-share[j], j))
            if index in dots:
                continue
            d = dots[index] = sum(squares[x] for x in stems[index] & query)
            if len(kept) < MAX_VISITED:
                heapq.heappush(kept, d / norms[index])
            elif d / norms[index] > kept[0]:
                heapq.heapreplace(kept, d / norms[index])

    def intent_similarity(self, weights: dict[str, float], intents: Iterable[str]) -> dict[str, float]:
        """Cosine (0-100) between the query and each of ``intents`` as a whole document."""
        scale = 100.0 / (math.sqrt(sum(v * v for v in weights.values())) or 1.0)
        out: dict[str, float] = {}
        for intent in intents:
            document = self.intent_weights[intent]
            out[intent] = scale * sum(weight * document.get(w, 0.0) for w, weight in weights.items())
        return out

    def rank(self, masked: str) -> list[Candidate]:
        """Best example per intent, best intent first.

        Examples are visited from the largest word overlap down (at most
        MAX_VISITED of them). The string-similarity part can add at most
        (1 - OVERLAP_WEIGHT) * 100, so once an example's overlap cannot bring
        it within RANK_WINDOW points of the best score so far, no later one
        can either, and the loop stops: the top of the ranking, which is all
        the policy and --debug use, is unaffected by the shortcut.
        """
        query = content_words(masked)
        if not query:
            return []
        weights = self.weights(query)
        fuzzy_cap = (1 - OVERLAP_WEIGHT) * 100
        best: dict[str, tuple[float, int]] = {}
        top = 0.0
        set_weight, sort_weight = SCORERS[0][1], SCORERS[1][1]
        for o, index in self.overlap(weights):
            if OVERLAP_WEIGHT * o + fuzzy_cap < top - RANK_WINDOW:
                break
            choice = self.choices[index]
            f = set_weight * fuzz.token_set_ratio(query, choice) + sort_weight * fuzz.token_sort_ratio(query, choice)
            score = OVERLAP_WEIGHT * o + (1 - OVERLAP_WEIGHT) * f
            if score > top:
                top = score
            intent = self.owner[index]
            if intent not in best or score > best[intent][0]:
                best[intent] = (score, index)
        if INTENT_WEIGHT:
            similarity = self.intent_similarity(weights, best)
            best = {i: ((1 - INTENT_WEIGHT) * sc + INTENT_WEIGHT * similarity.get(i, 0.0), ix) for i, (sc, ix) in best.items()}
        ranked = [Candidate(intent, round(score, 2), self.source[index]) for intent, (score, index) in best.items()]
        ranked.sort(key=lambda c: (-c.score, c.intent))
        return ranked
