"""Stage 2b: fix misspelt words that are not drug or side-effect names.

Runs after entity recognition (which has its own fuzzy look-up for names).
Each remaining word is checked, in this order, against:
  1. the bot's own vocabulary (words of the example phrasings, aliases and
     scope words), everyday English (bot/understand/data/common_english.txt):
     kept; a rarer real word (rarer_english.txt: "wellness" is no "weakness")
     is kept as written but counts as unknown (see 3);
  1b. (checked after the vocabulary, before everyday English) a dropped g
     ("killin", "runnin") is read as its -ing word when that
     and the rest are words ("killing": kill);
  2. otherwise corrected to the nearest word of the bot's vocabulary within
     a small Damerau-Levenshtein distance (a swapped pair of letters is one
     edit; but not with a new first letter into a vocabulary word that is no
     English word: Tagalog "mabigat" is no "pabigat"), or else of everyday
     English within one edit;
  3. otherwise the word is *unknown*: a likely name of something outside the
     fact sheet ("kisqali") or another language.
Results are cached per word, so the look-ups cost little after warm-up.

A message in another language is not corrected: its words are not English
typos, and "correcting" them invents English ("cosa" -> "cost", "nie" ->
"die"). When a correction would be made, the words other than names go to the
language detector (bot/understand/language.py); if the message has five such
words or more and it is sure they are another language, every word stays as
written and the corrected ones count as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.understand.entities import MASKS
from bot.understand.language import in_another_language

if TYPE_CHECKING:
    from bot.understand.entities import Found

KNOWN, FIXED, ENGLISH, UNKNOWN = "known", "fixed", "english", "unknown"
# Fewer words than this (names aside) are too few to call another language before correcting:
# CLD2 reads short English typed in a hurry as Danish, Dutch or Esperanto ("sidde effecfs of",
# "ok im doen bye", "kmoen helpline nubmer"), and 2 of every 1,000 typo'd questions were lost.
MIN_FOREIGN_WORDS = 5
INFLECTIONS = ("ing", "ed", "es", "s")
# words that end in "in" as words of their own, with a word before the "in"
_OWN_IN_WORDS = frozenset({"thin", "chin", "shin", "raisin", "actin", "basin"})
MIN_INFLECTED_STEM = 4


def _left_out(word: str, choice: str) -> bool:
    """Whether ``word`` is ``choice`` with letters left out inside it (first and last
    kept), the rest in order: "chst" is "chest"; "viver" is no "vivere"."""
    letters = iter(choice)
    return (len(choice) > len(word) and choice[0] == word[0] and choice[-1] == word[-1]
            and all(c in letters for c in word))


def _max_edits(word: str) -> int:
    if len(word) < 3:
        return 0
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True)
class Spelling:
    word: str  # the corrected word (or the word itself)
    kind: str  # KNOWN, FIXED (corrected to a known word), ENGLISH, UNKNOWN


class Speller:
    def __init__(
        self, vocabulary: Iterable[str], english: Iterable[str], keep: Iterable[str] = (), prefixes: Iterable[str] = (),
        known: Iterable[str] = (), rarer: Iterable[str] = (),
    ) -> None:
        self.vocabulary = frozenset(vocabulary)
        self.english = frozenset(english)
        self.rarer = frozenset(rarer)  # real words, kept as written: never a misspelling
        self.keep = frozenset(keep)  # words never corrected (filler)
        # words never corrected that are no target either: short concept words
        # ("ledge" stays "ledge", but "poked" is not turned into "puked")
        self.known = frozenset(known)
        # word beginnings the content accepts in any form ("cough*" -> coughing, coughed)
        self.prefixes = frozenset(p for p in prefixes if len(p) >= 4)
        self._vocab_list = sorted(w for w in self.vocabulary | self.keep if w.isalpha() and len(w) >= 3)
        # English words bucketed by (first letter, length) and (second letter,
        # length): one edit keeps the length within 1 and leaves the first or
        # the second letter in place, so only a few hundred words are compared.
        # Built on first need: most messages never get this far.
        self._buckets: dict[tuple[int, str, int], list[str]] | None = None
        self.check = lru_cache(maxsize=8192)(self._check)

    def _english_buckets(self) -> dict[tuple[int, str, int], list[str]]:
        if self._buckets is None:
            buckets: dict[tuple[int, str, int], list[str]] = {}
            for w in sorted(self.english):
                if len(w) >= 4:
                    buckets.setdefault((0, w[0], len(w)), []).append(w)
                    buckets.setdefault((1, w[1], len(w)), []).append(w)
            self._buckets = buckets
        return self._buckets

    def _nearest_english(self, word: str) -> str | None:
        buckets = self._english_buckets()
        choices: list[str] = []
        for length in (len(word) - 1, len(word), len(word) + 1):
            choices += buckets.get((0, word[0], length), ())
            choices += buckets.get((1, word[1], length), ())
        return self._nearest(word, choices, 1)

    def _nearest(self, word: str, choices: list[str], edits: int) -> str | None:
        """The closest choice within `edits`; among equally close ones, a
        pure reordering of the letters ("bradn" -> "brand", not "brain"),
        then one with a letter left out ("chst" -> "chest", not "chat")."""
        if edits == 0:
            return None
        found = process.extract(word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=8)
        # a letter or two added or dropped in front is a prefix, not a typo:
        # "detectable" is not "undetectable", "able" is not "unable"
        found = [f for f in found if not (f[0].endswith(word) or word.endswith(f[0]))]
        if not found:
            return None
        closest = min(score for _, score, _ in found)
        ties = [choice for choice, score, _ in found if score == closest]
        letters = sorted(word)
        reordered = next((c for c in ties if sorted(c) == letters), None)
        if reordered is not None:
            return reordered
        # fast or texted typing leaves letters out more often than it swaps one
        return next((c for c in ties if _left_out(word, c)), ties[0])

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["check"]  # a per-process memo
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.check = lru_cache(maxsize=8192)(self._check)

    def _inflected_english(self, word: str) -> bool:
        """'brushing', 'brushed', 'brushes': an everyday word with an ending
        (the word list has few inflections), not a misspelling of 'crushing'."""
        for ending in INFLECTIONS:
            if len(word) >= len(ending) + MIN_INFLECTED_STEM and word.endswith(ending):
                stem = word[: -len(ending)]  # a short stem is too easy a match: "gals" is "goals", "moning" "morning"
                if stem in self.english:
                    return True
                # "hoping", "hoped" (hope); "stopping", "stopped" (stop); not "pils" (pile)
                if ending in ("ing", "ed") and (stem + "e" in self.english or
                                                (stem[-1:] == stem[-2:-1] and stem[:-1] in self.english)):
                    return True
        return False

    def _g_dropped(self, word: str) -> str | None:
        """'killin', 'bleedin', 'goin': an -ing word written as it is said. Read
        as the -ing word when that is a word and the rest is a word ("kill",
        "bleed", "go"; "make" for "makin"; "run" for "runnin"), so "killin
        myself" finds what "killing myself" finds. Not a word of the content
        ("aspirin"), and not a word of its own ("thin", "raisin")."""
        if (len(word) < 4 or not word.endswith("in") or word in self.vocabulary or word in self.known
                or word in _OWN_IN_WORDS):
            return None
        full, stem = word + "g", word[:-2]
        if not (self._real(full) or full in self.vocabulary or self._prefixed(full)):
            return None
        if full.endswith("thing"):  # "nothin", "somethin"
            return full
        if len(stem) >= 2 and (self._real(stem) or self._real(stem + "e") or stem in self.vocabulary):
            return full
        if len(stem) >= 3 and stem[-1] == stem[-2] and self._real(stem[:-1]):  # "runnin", "stoppin"
            return full
        return None

    def _real(self, word: str) -> bool:
        return word in self.english or word in self.rarer

    def _prefixed(self, word: str) -> bool:
        """Does the content accept this word through a word beginning ("cough*")?"""
        return any(word[:n] in self.prefixes for n in range(4, len(word) + 1))

    def _check(self, word: str) -> Spelling:
        if word in self.vocabulary or word in self.keep or word in self.known or word.isdigit() or word.startswith("@"):
            return Spelling(word, KNOWN)
        dropped = self._g_dropped(word)
        if dropped is not None:
            return Spelling(dropped, FIXED)
        if len(word) > 3 and word.endswith("s") and word[:-1] in self.vocabulary:
            return Spelling(word, KNOWN)
        if self._prefixed(word):
            return Spelling(word, KNOWN)
        if not word.isalpha() or not word.isascii():
            return Spelling(word, UNKNOWN)
        if word in self.english or self._inflected_english(word):  # a real word, even if close to one we know
            return Spelling(word, ENGLISH)
        if word in self.rarer:  # a real word too, kept as written; too rare to call everyday
            return Spelling(word, UNKNOWN)
        # one edit away from a word we know, then from everyday English, then
        # (long words only) two edits from a word we know
        near = self._nearest(word, self._vocab_list, min(1, _max_edits(word)))
        # a new first letter into a word of another language is another word, not a typo
        # (Tagalog "mabigat", heavy, is no "pabigat", a burden)
        if near is not None and (near[0] == word[0] or self._real(near)):
            return Spelling(near, FIXED)
        near = self._nearest_english(word) if len(word) >= 5 else None
        if near is not None:
            return Spelling(near, ENGLISH)
        if _max_edits(word) > 1:
            near = self._nearest(word, self._vocab_list, _max_edits(word))
            # two edits and a new first letter make another word ("knitting" is not "fitting")
            if near is not None and near[0] == word[0]:
                return Spelling(near, FIXED)
        return Spelling(word, UNKNOWN)


def apply_spelling(found: "Found", speller: Speller) -> "Found":
    """Return `found` with misspelt words (outside entity names) corrected and
    the masked text rebuilt from the corrected words."""
    starts = {e.start: e for e in found.entities}
    corrected: list[str] = []
    masked: list[str] = []
    unknown: list[str] = []
    written: list[str] = []  # the words other than names, as written
    changed: list[tuple[int, int, str]] = []  # (position in corrected, in masked, as written) of each word corrected
    i = 0
    while i < len(found.tokens):
        entity = starts.get(i)
        if entity is not None:
            words = list(found.tokens[entity.start : entity.end])
            corrected += words
            masked += [MASKS[entity.type]] if entity.type in MASKS else words
            i = entity.end
            continue
        token = found.tokens[i]
        s = speller.check(token)
        written.append(token)
        if s.word != token:
            changed.append((len(corrected), len(masked), token))
        corrected.append(s.word)
        masked.append(s.word)
        if s.kind == UNKNOWN:
            unknown.append(token)
        i += 1
    if changed and len(written) >= MIN_FOREIGN_WORDS and in_another_language(written):
        for at, masked_at, token in changed:  # a name masked as one word ("@drug") shifts masked's places
            corrected[at] = token
            masked[masked_at] = token
            unknown.append(token)
    return replace(found, masked=" ".join(masked), corrected_tokens=tuple(corrected), unknown=tuple(unknown))
