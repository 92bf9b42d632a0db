"""Stage 2: find drugs, side effects, routes, kinds, situations and HER2 status.

An :class:`EntityIndex` is built once from the content: every alias is
normalised into a phrase table (longest phrase wins, then type priority).
Single words of 5+ letters that are not ordinary words also get a fuzzy
look-up with rapidfuzz's Levenshtein distance (1 edit for 5 letters, 2 for 6+),
so "enhurtu" or "lapatinb" are found but "entire" or "never" are not.

``find`` returns the entities and the *masked* text, where each drug or side
effect mention is replaced by ``@drug`` / ``@side_effect`` so the intent
ranker compares sentence shapes, not names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.content.model import Content
from bot.understand.normalise import normalise

# Earlier types win when two types claim the same phrase.
# side_effect_words: lay words for several sheet terms ("blood counts");
# unnamed: a condition the sheet does not name ("hives"). Both read as a side
# effect to the intent ranker.
TYPES = ("drug", "route", "kind", "situation", "her2_status", "side_effect", "side_effect_words", "unnamed")
MASKS = {"drug": "@drug", "side_effect": "@side_effect", "side_effect_words": "@side_effect", "unnamed": "@side_effect"}
MASKED_TYPES = tuple(MASKS)
FUZZY_TYPES = ("drug", "side_effect")
MAX_PHRASE_WORDS = 6

HER2_STATUS = {
    "positive": ("her2 positive", "her2 pos", "her2 high", "high her2"),
    "low": ("her2 low", "low her2"),
    "negative": ("her2 negative", "her2 neg"),
}

# Everyday words that must never be taken for a misspelt drug or side effect.
COMMON_WORDS = frozenset(
    """
    about above after again against almost already also always another answer anyone anything around asking
    because become before behind being believe better between bigger called cancer caused causes causing change
    chemo chemotherapy cheaper cleared coming common concerned could daughter doctor doctors doing during either
    enough entire entirely every everyone everything family father feeling female finally fine first friend
    friends future general getting given giving going gotten happen happened having health heard helped helpful
    hoping hospital husband important inside instead itself killing latest learned little living looking lately
    making mother moving myself nearly needed needing neither never normal nothing nurses number office oncologist
    online others patient people person please pretty probably problem problems question questions rather really
    reason recently related remember second should sister someone something sometimes started starting still
    stopped taking talking telling thanks thing things think though through together tomorrow treated treatment
    treatments tumor tumors understand unless usually versus wanted wants weekly whether without worried worry
    would yesterday younger wat wifes hubby nonstop chatbot hiya heya expectancy oncology onc ticker tickers
    """.split()
)


@dataclass(frozen=True)
class Entity:
    type: str
    value: str
    start: int  # token index
    end: int  # token index, exclusive
    text: str  # the words as the user typed them (normalised)
    fuzzy: bool = False


@dataclass(frozen=True)
class Found:
    entities: tuple[Entity, ...]
    masked: str  # normalised text with drug / side-effect mentions masked
    tokens: tuple[str, ...]
    # filled in by the spelling stage (bot/understand/spelling.py):
    corrected_tokens: tuple[str, ...] = ()  # tokens with misspellings fixed (names kept)
    unknown: tuple[str, ...] = ()  # words neither known, English nor near either

    def values(self, type_: str) -> list[str]:
        """Distinct values of one type, in order of mention."""
        out: list[str] = []
        for e in self.entities:
            if e.type == type_ and e.value not in out:
                out.append(e.value)
        return out

    def first(self, type_: str) -> str | None:
        values = self.values(type_)
        return values[0] if values else None


class EntityIndex:
    """Alias tables for all entity types, built once per Content."""

    def __init__(self, content: Content, ordinary_words: Iterable[str] = (), rarer_words: Iterable[str] = ()) -> None:
        self.phrases: dict[tuple[str, ...], tuple[str, str]] = {}
        for type_, value, alias in self._aliases(content):
            key = tuple(normalise(alias).split())
            if not key or len(key) > MAX_PHRASE_WORDS:
                continue
            current = self.phrases.get(key)
            if current is None or TYPES.index(type_) < TYPES.index(current[0]):
                self.phrases[key] = (type_, value)
        self.ordinary = frozenset(ordinary_words) | COMMON_WORDS
        # real words too rare to call everyday: a drug's misspelling may look like one, a
        # side effect's not ("bleach" is no "breath")
        self.rarer = frozenset(rarer_words)
        # for each word, the longest phrase that starts with it
        self.longest_from: dict[str, int] = {}
        for key in self.phrases:
            self.longest_from[key[0]] = max(self.longest_from.get(key[0], 0), len(key))
        # fuzzy candidates: single-word aliases of the fuzzy types, 5+ letters
        self.fuzzy_words: list[str] = []
        self.fuzzy_target: list[tuple[str, str]] = []
        for key, (type_, value) in self.phrases.items():
            if len(key) == 1 and type_ in FUZZY_TYPES and len(key[0]) >= 5 and key[0].isalpha():
                self.fuzzy_words.append(key[0])
                self.fuzzy_target.append((type_, value))
        self.known_words = frozenset(w for key in self.phrases for w in key)

    @staticmethod
    def _aliases(content: Content) -> Iterable[tuple[str, str, str]]:
        for drug in content.drugs:
            names = [drug.id, drug.name, *drug.brand_names, *drug.aliases]
            if drug.full_name:
                names.append(drug.full_name)
            for name in names:
                yield "drug", drug.id, name
        for route in content.routes.values():
            for name in (route.name, route.plural, *route.aliases):
                yield "route", route.id, name
        for kind in content.kinds.values():
            for name in (kind.name, kind.plural, *kind.aliases):
                yield "kind", kind.id, name
        for situation in content.situations.values():
            for name in situation.aliases:
                yield "situation", situation.id, name
        for status, names in HER2_STATUS.items():
            for name in names:
                yield "her2_status", status, name
        for effect in content.side_effects.values():
            for name in (effect.name, *effect.aliases):
                yield "side_effect", effect.id, name
        for index, group in enumerate(content.side_effect_words):
            for word in group.words:
                yield "side_effect_words", str(index), word
        for condition in content.unnamed_conditions:
            for name in condition.names:
                yield "unnamed", condition.names[0], name

    def _fuzzy(self, word: str) -> tuple[str, str] | None:
        if len(word) < 5 or not word.isalpha() or word in self.ordinary or word in self.known_words:
            return None
        limit = 1 if len(word) == 5 else 2
        best = process.extractOne(word, self.fuzzy_words, scorer=Levenshtein.distance, score_cutoff=limit)
        if best is None:
            return None
        candidate = best[0]
        # both words must be of similar length and share the first letter:
        # people rarely get the first letter of a drug name wrong
        if candidate[0] != word[0] or abs(len(candidate) - len(word)) > limit:
            return None
        target = self.fuzzy_target[best[2]]
        if target[0] != "drug" and word in self.rarer:
            return None
        return target

    def _split_name(self, tokens: tuple[str, ...], i: int) -> tuple[tuple[str, str], int, bool] | None:
        """A drug name broken by a stray space or hyphen ("kad cyla", "her-ceptin"):
        two or three words that join into a drug's name. A broken name
        leaves at least one piece that is no word ("cyla"), and none of its
        pieces is a whole everyday word of four letters or more."""
        ordinary, known = self.ordinary, self.known_words
        for n in (2, 3):
            if i + n > len(tokens):
                break
            parts = tokens[i : i + n]
            if any(len(p) > 3 and p in ordinary for p in parts):
                break  # a longer span holds the same word
            if all(p in ordinary or p in known for p in parts):
                continue
            joined = "".join(parts)
            match = self.phrases.get((joined,))
            if match is not None and match[0] == "drug":
                return match, n, False
            match = self._fuzzy(joined) if len(joined) >= 6 else None
            if match is not None and match[0] == "drug":
                return match, n, True
        return None

    def find(self, normalised: str) -> Found:
        tokens = tuple(normalised.split())
        entities: list[Entity] = []
        masked: list[str] = []
        i = 0
        while i < len(tokens):
            hit = None
            longest = self.longest_from.get(tokens[i], 0)
            for n in range(min(longest, len(tokens) - i), 0, -1):
                match = self.phrases.get(tokens[i : i + n])
                if match is not None:
                    hit = (match, n, False)
                    break
            if hit is None:
                match = self._fuzzy(tokens[i])
                if match is not None:
                    hit = (match, 1, True)
            if hit is None and i + 1 < len(tokens):
                hit = self._split_name(tokens, i)
            if hit is None:
                masked.append(tokens[i])
                i += 1
                continue
            (type_, value), n, fuzzy = hit
            entities.append(Entity(type_, value, i, i + n, " ".join(tokens[i : i + n]), fuzzy))
            if type_ in MASKS:
                masked.append(MASKS[type_])
            else:
                masked.extend(tokens[i : i + n])
            i += n
        return Found(tuple(entities), " ".join(masked), tokens)


def entity_names(content: Content) -> Iterable[tuple[str, str, str]]:
    """Every (type, value, name) the finder recognises, as written in the
    content: `her2bot check` reports a name that two things claim."""
    return EntityIndex._aliases(content)
