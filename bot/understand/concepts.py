"""Find the concepts of intents/concepts.yaml in a message.

Runs after entities and spelling: it reads the corrected words with every
drug name replaced by ``@drug`` ("missed my tukysa pill" -> "missed my @drug
pill"), split into clauses at sentence punctuation and commas, so "my mom has
liver mets, which drugs list liver problems?" is two clauses. Every term of
every concept is parsed once and indexed by the words it can start with, so a
message costs one dictionary look-up per word plus the few terms that could
start there. A message gets a :class:`Reading`: its words, its clauses and
every concept mention found.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from mypy_extensions import i64, mypyc_attr

from bot.content.letters import without_accents
from bot.content.model import Concept
from bot.content.terms import Position, match_from, parse_term, position_end
from bot.understand.entities import Found
from bot.understand.normalise import normalise

# "39.9" and "1,000" are numbers, not two clauses; nor is a reading given after a colon
# ("oximeter: 79, 81, 80", "temp: 39.5"). A numbered list's "2)" starts one
# ("1) is it a tablet 2) does it cause diarrhea": the 2 is no count of diarrhea).
_CLAUSE_BREAK: Final = re.compile(
    r"(?:[?!;\n\u2026]|:(?!\s*\d)|\.(?!\d)|,(?!\d))+|\s[-\u2013\u2014]+\s|\s(?=\d{1,2}\)\s)")
# every match of _CLAUSE_BREAK holds one of these
_BREAK_MARKS: Final = ("?", "!", ";", "\n", "\u2026", ":", ".", ",", "-", "\u2013", "\u2014", ")")
# _CLAUSE_BREAK without its two branches that open with a space, which need a dash or a ")":
# in a text with neither it finds the same breaks, and is searched about twice as fast (the
# full pattern tries those branches at every space)
_DASH_OR_LIST: Final = ("-", "\u2013", "\u2014", ")")
_PUNCTUATION_BREAK: Final = re.compile(r"(?:[?!;\n\u2026]|:(?!\s*\d)|\.(?!\d)|,(?!\d))+")


def _break_pattern(text: str) -> re.Pattern[str]:
    return _CLAUSE_BREAK if any(mark in text for mark in _DASH_OR_LIST) else _PUNCTUATION_BREAK


MIN_SPELLING_TARGET: Final = 6
EVERYDAY: Final = "everyday"  # the tag of everyday phrases whose words count for nothing
MEDICINE_NAME: Final = "outside_name"  # a medicine's name: a symptom inside it is no symptom ("my pain pills")
SYMPTOM: Final = "symptom"
ACTION: Final = "action"  # what one does with a treatment (take, skip, stop): inside a sign's words it is the sign's
WISH: Final = "wish_to_act"  # a wish or plan to act ("going to"): likewise ("can't stop going to the loo")
BODY_PART: Final = "body_part"
COUNT_TAGS: Final = {"fluid_loss", "vomit_count", "bleeding_more"}  # how much or how often a sign comes
_SENTENCE_END: Final = re.compile(r"[?!;\n\u2026]|\.(?!\d)")
# "tummy's been upset", "gut's off": normalised, the word is "tummys", which the
# terms hold only here and there
_APOSTROPHE_S: Final = re.compile(r"([^\W\d_]+)[\u0027\u2018\u2019\u02bc]s\b")
# the pattern above tries every run of letters; a look for its marks (a scan in C) is a
# cheap first test, and many messages have none
_APOSTROPHE_MARKS: Final = ("\u0027", "\u2018", "\u2019", "\u02bc")


class Mention:
    """One term of a concept found in the message. A plain class: compiled, it is built
    in C and its fields are read from a C struct (a NamedTuple was built through
    tuple.__new__, about 800 instructions each, and a message has a dozen). Equal only
    to itself: a mention is one place in one reading (Reading.reported is keyed by it)."""

    def __init__(self, concept: str, start: int, end: int, clause: int, sentence: int, text: str) -> None:
        self.concept = concept
        self.start = start  # word index in Reading.words
        self.end = end  # exclusive
        self.clause = clause
        self.sentence = sentence
        self.text = text

    def __repr__(self) -> str:
        return (f"Mention(concept={self.concept!r}, start={self.start!r}, end={self.end!r}, "
                f"clause={self.clause!r}, sentence={self.sentence!r}, text={self.text!r})")


class Reading:
    """What the concept stage read in one message. Read-only by agreement.

    A plain class, not a dataclass: compiled, a dataclass's __init__ is the one
    the dataclasses module writes, run by the interpreter (about 19,000
    instructions per message, counted by callgrind); this one is compiled."""

    def __init__(self, words: tuple[str, ...], clauses: tuple[tuple[int, int], ...], sentences: tuple[int, ...],
                 mentions: tuple[Mention, ...], question_mark: bool = False, exclaims: bool = False) -> None:
        self.words = words
        self.clauses = clauses  # (start, end) word ranges; commas end a clause
        self.sentences = sentences  # for each clause, the sentence it belongs to
        self.mentions = mentions
        self.question_mark = question_mark  # the message has a "?"
        self.exclaims = exclaims  # the message has a "!"
        # mention -> is it reported (KindReader.is_reported, pure in the mention and the
        # reading): the rules and the related side effects ask it of the same mentions
        self.reported: dict[Mention, bool] = {}
        self.concepts: frozenset[str]
        self.sentence_concepts: dict[int, frozenset[str]]
        self._clauses: dict[int, tuple[Mention, ...]]
        self._sentences: dict[int, tuple[Mention, ...]]
        if len(clauses) == 1 and mentions:  # most messages: every mention in clause 0, sentence 0
            self.concepts = frozenset([m.concept for m in mentions])
            self._clauses = self._sentences = {0: mentions}
            self.sentence_concepts = {0: self.concepts}
            return
        by_clause: dict[int, list[Mention]] = {}
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_clause.setdefault(m.clause, []).append(m)
            by_sentence.setdefault(m.sentence, []).append(m)
        self._clauses = {k: tuple(v) for k, v in by_clause.items()}
        self._sentences = {k: tuple(v) for k, v in by_sentence.items()}
        self.concepts = frozenset([m.concept for m in mentions])
        self.sentence_concepts = {k: frozenset([m.concept for m in v]) for k, v in by_sentence.items()}

    def __repr__(self) -> str:
        return f"Reading(words={self.words!r}, clauses={self.clauses!r}, mentions={self.mentions!r})"

    def in_clause(self, clause: int) -> tuple[Mention, ...]:
        return self._clauses.get(clause, ())

    def in_sentence(self, sentence: int) -> tuple[Mention, ...]:
        return self._sentences.get(sentence, ())


def clause_lengths(text: str) -> tuple[list[int], list[int]]:
    """How many normalised words each clause of `text` has, and the sentence
    each clause is in."""
    lengths: list[int] = []
    sentence_of: list[int] = []
    sentence = 0
    position = 0
    after_fragment = False  # the clause before was a one-word sentence ended by a full stop
    starts_sentence = True  # the clause to come opens a sentence
    for match in [*_break_pattern(text).finditer(text), None]:
        end = match.start() if match else len(text)
        n = len(normalise(text[position:end]).split())
        if n and after_fragment and n <= FRAGMENT:
            lengths[-1] += n  # "chest. bad.": one note in pieces, read as one clause
            sentence -= 1
        elif n:
            lengths.append(n)
            sentence_of.append(sentence)
        after_fragment = (bool(n) and n <= FRAGMENT and starts_sentence
                          and match is not None and match.group().strip() == ".")
        if match is not None:
            starts_sentence = bool(_SENTENCE_END.search(match.group()))
            if starts_sentence:
                sentence += 1
            position = match.end()
    return lengths, _join_short_follow_ups(lengths, sentence_of)


def _join_short_follow_ups(lengths: list[int], sentence_of: list[int]) -> list[int]:
    """A short sentence after another ("... and I'm on Herceptin. What do I
    do?", "Can it be moved?") is about what the one before said: it joins it."""
    words: dict[int, int] = {}
    for n, sentence in zip(lengths, sentence_of):
        words[sentence] = words.get(sentence, 0) + n
    joined: dict[int, int] = {}
    previous: int | None = None
    for sentence in sorted(words):
        if previous is not None and words[sentence] <= SHORT_FOLLOW_UP:
            joined[sentence] = joined[previous]
        else:
            joined[sentence] = max(joined.values(), default=-1) + 1
        previous = sentence
    return [joined[s] for s in sentence_of]


def concept_words(found: Found, names: dict[str, tuple[str, ...]], known: frozenset[str]) -> tuple[list[str], list[int]]:
    """The corrected words with each drug mention collapsed to ``@drug`` and
    each side effect the concepts do not know written as its own name
    ("diarhea" -> "diarrhea"; a term the concepts have, such as "short of
    breath", stays as written: as "lung problems" it would lose its urgency),
    and for each word the index of its original token."""
    replace: dict[int, tuple[int, tuple[str, ...]]] = {e.start: (e.end, ("@drug",)) for e in found.entities if e.type == "drug"}
    replace.update({e.start: (e.end, names[e.value]) for e in found.entities
                    if e.type == "side_effect" and e.text not in known and e.text != " ".join(names[e.value])})
    tokens = found.corrected_tokens or found.tokens
    all_ascii = "".join(tokens).isascii()  # one test for the message: most are ASCII throughout
    words: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(tokens):
        if replace and i in replace:
            end, written = replace[i]
            words += written
            origin += [i] * len(written)
            i = end
            continue
        word = tokens[i]
        if all_ascii or word.isascii():
            words.append(SPELLINGS.get(word, word))
        else:
            words.append(without_accents(word))  # "más" finds "mas": terms are folded so too
        origin.append(i)
        i += 1
    return words, origin


# British spellings read as the American ones, in messages and terms alike, so a term
# written with either finds both ("bloody .. diarrhea" finds "bloody diarrhoea")
SPELLINGS: Final = {
    "diarrhoea": "diarrhea", "diarrhoeas": "diarrheas", "haemorrhage": "hemorrhage",
    "haemorrhaging": "hemorrhaging", "haemorrhaged": "hemorrhaged", "oedema": "edema",
    "anaemia": "anemia", "anaemic": "anemic", "haemoglobin": "hemoglobin", "oesophagus": "esophagus",
    "tumour": "tumor", "tumours": "tumors", "colour": "color", "colours": "colors",
    "coloured": "colored", "faeces": "feces", "haematoma": "hematoma", "oestrogen": "estrogen",
    "paediatric": "pediatric", "ischaemic": "ischemic", "septicaemia": "septicemia",
}

SHORT_FOLLOW_UP: Final = 4  # words: a sentence this short after another belongs to it
AT_LIMIT: Final = 50_000  # words whose possible terms are kept (ConceptIndex._at)
FRAGMENT: Final = 1  # word: full-stopped one-word sentences, one after another, are one note
# (concept id, the term's positions, the words the message must hold, word sets
# of which it must hold one of each, whether the first position is one plain word)
Candidate = tuple[str, tuple[Position, ...], frozenset[str], tuple[frozenset[str], ...], bool]


def _candidate(concept: str, positions: tuple[Position, ...]) -> Candidate:
    """The term, with what a message must hold for it to match: each later
    position made only of plain words needs one of them in the message. A
    message missing one can't match the term, so most candidate terms are
    ruled out by a set test or two before any walking."""
    plain = [p.single for p in positions[1:] if not p.number and not p.others]
    must = frozenset(w for words in plain if len(words) == 1 for w in words)
    one_of = tuple(sorted((words for words in plain if len(words) > 1), key=len))
    first = positions[0]
    return concept, positions, must, one_of, not first.others and not first.number


def _longest_first(match: tuple[int, int]) -> tuple[int, int]:
    return match[0] - match[1], match[0]


def _tightest_first(match: tuple[int, int]) -> tuple[int, int]:
    return match[1] - match[0], match[0]


# Each word a term must hold has a bit of a 64-bit mask, and each message the mask of its
# words: a term whose mask has a bit the message's lacks needs a word the message does not
# hold. The OWN_BITS words most terms need have a bit each; the others share the rest.
MASK_BITS: Final = 63  # bits 0-62: an i64 stays positive
OWN_BITS: Final = 40


def _word_bits(candidates: list[Candidate]) -> dict[str, int]:
    """Each word that some term must hold (or hold one of) -> its bit's index."""
    counts: dict[str, int] = {}
    for _, _, must, one_of, _ in candidates:
        for word in [*must, *(one_of[0] if one_of else ())]:
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return {w: i if i < OWN_BITS else OWN_BITS + (i - OWN_BITS) % (MASK_BITS - OWN_BITS) for i, w in enumerate(ranked)}


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # SNAPSHOT_CLASS
class _Term:
    """A candidate term as find() examines it. A native object, not a tuple: a term
    is ruled out by its masks (``need``: the words it must hold; ``group``: the
    words of its first group of choices), read from the object itself, before any of
    its word sets (each an object of its own, a cache miss when cold) is touched."""

    def __init__(self, candidate: Candidate, need: i64, group: i64) -> None:
        self.concept, self.positions, self.must, self.one_of, self.simple_first = candidate
        self.need = need
        self.group = group
        # the same words as tuples, looked up one by one: a set method called from
        # compiled code is a call through the interpreter's machinery, several times dearer
        self.must_words = tuple(sorted(self.must))
        self.choices = tuple([tuple(sorted(words)) for words in self.one_of])

    def __reduce__(self) -> tuple[type[_Term], tuple[Candidate, i64, i64]]:
        return _Term, ((self.concept, self.positions, self.must, self.one_of, self.simple_first), self.need, self.group)


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # SNAPSHOT_CLASS
class _WordEntry:
    """What may start at one word (ConceptIndex._at_word), and the word's bit."""

    def __init__(self, whole: tuple[str, ...], terms: tuple[_Term, ...],
                 paired: dict[str, tuple[_Term, ...]] | None, bit: i64) -> None:
        self.whole = whole  # the concepts of which the word is a whole term
        self.terms = terms  # the longer terms that may start here
        self.paired = paired  # terms of two plain words, by their second word
        self.bit = bit

    def __reduce__(self) -> tuple[type[_WordEntry], tuple[tuple[str, ...], tuple[_Term, ...],
                                                           dict[str, tuple[_Term, ...]] | None, i64]]:
        return _WordEntry, (self.whole, self.terms, self.paired, self.bit)


def _holds_each(present: frozenset[str], words: tuple[str, ...]) -> bool:
    """Are all these words in the message (``present``: its words)?"""
    for word in words:
        if word not in present:
            return False
    return True


def _holds_one_of_each(present: frozenset[str], message: tuple[str, ...],
                       groups: tuple[frozenset[str], ...], choices: tuple[tuple[str, ...], ...]) -> bool:
    """Does the message (``present``: its words; ``message``: them in order) hold a word
    of each group (``choices``: each group's words as a tuple)? The shorter side is
    looked through: a group may have dozens of words, a message a few."""
    for group, words in zip(groups, choices):
        if len(words) <= len(message):
            if not any(word in present for word in words):
                return False
        elif not any(word in group for word in message):
            return False
    return True


def _keep_longest(here: list[tuple[str, int]], concept: str, end: int) -> None:
    """Note a match of ``concept`` ending at ``end``; of its matches at one start, the longest."""
    for i in range(len(here)):
        if here[i][0] == concept:
            if end > here[i][1]:
                here[i] = (concept, end)
            return
    here.append((concept, end))


def _add_start(found: list[tuple[str, int, int]], rank: dict[str, int], spans: dict[str, list[tuple[int, int]]],
               here: list[tuple[str, int]], start: int) -> None:
    """Add the matches at ``start`` (``here``: (concept, end), in the order found) to
    ``found`` as (concept, start, end): the longest first, and of two as long the concept
    the message has first first (``rank``: concept -> the order in which the message first
    has it). A concept found at an earlier start too gets its matches, by start, in
    ``spans`` (few concepts come back)."""
    group = len(found)  # where this start's matches begin
    for concept, end in here:
        order = rank.get(concept)
        if order is None:
            order = rank[concept] = len(rank)
        else:
            its = spans.get(concept)
            if its is None:  # its first match, the first in found
                first = next(m for m in found if m[0] == concept)
                its = spans[concept] = [(first[1], first[2])]
            its.append((start, end))
        i = len(found)
        while i > group:
            other = found[i - 1]
            if other[2] > end or (other[2] == end and rank[other[0]] < order):
                break
            i -= 1
        if i == len(found):
            found.append((concept, start, end))
        else:
            found.insert(i, (concept, start, end))


def _add_whole(found: list[tuple[str, int, int]], rank: dict[str, int], spans: dict[str, list[tuple[int, int]]],
               whole: tuple[str, ...], start: int) -> None:
    """_add_start for a start where only one-word terms matched (most): the message's
    first mention of each of these concepts comes after every match at this start."""
    if any(concept in rank for concept in whole):
        _add_start(found, rank, spans, [(concept, start + 1) for concept in whole], start)
        return
    for concept in whole:
        rank[concept] = len(rank)
        found.append((concept, start, start + 1))


@lru_cache(maxsize=None)  # the same words recur across thousands of terms
def _fold(word: str) -> str:
    """A term's word folded as a message's words are (concept_words)."""
    return " ".join(SPELLINGS.get(w, w) for w in map(without_accents, normalise(word).split()))


# SNAPSHOT_CLASS: the classes a snapshot keeps (bot/content/snapshot.py) are compiled as
# native classes (their attributes read from a C struct, their methods called directly:
# 12% fewer instructions in the kind stage, counted by callgrind) that pickle can rebuild: mypyc's
# `serializable`. With it alone, mypyc 2.4's class calls no __init__ at all ("A(3)" is
# left empty); allowing interpreted subclasses gives it back its __init__.
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # SNAPSHOT_CLASS
class ConceptIndex:
    """Every concept's terms, parsed and indexed by first word, built once."""

    def __init__(self, concepts: tuple[Concept, ...], side_effect_names: dict[str, str]) -> None:
        self.concepts = {c.id: c for c in concepts}
        self.names = {k: tuple(normalise(v).split()) for k, v in side_effect_names.items()}
        # a word that is a whole term -> its concepts, in the order of concepts.yaml (a set's
        # order changes from run to run with the string hash: so did which of two concepts
        # with the same words a rule's reason named)
        self.one_word: dict[str, dict[str, None]] = {}
        self.pairs: dict[str, dict[str, list[Candidate]]] = {}  # first word -> second word -> terms
        self.exact: dict[str, list[Candidate]] = {}
        self.prefixed: dict[str, list[Candidate]] = {}
        self.numbered: list[Candidate] = []
        for c in concepts:
            for term in c.terms:
                positions = parse_term(term, _fold)
                first = positions[0]
                candidate = _candidate(c.id, positions)
                if first.number:
                    self.numbered.append(candidate)
                for choice in first.choices:
                    if len(positions) == 1 and len(choice.words) == 1 and not choice.prefix:
                        self.one_word.setdefault(choice.words[0], {})[c.id] = None
                        continue
                    second = positions[1] if len(positions) > 1 else None
                    if (len(choice.words) == 1 and not choice.prefix and second is not None and not second.gap_before
                            and not second.number and not second.others):
                        for word in second.single:  # index by the first two words: far fewer candidates
                            self.pairs.setdefault(choice.words[0], {}).setdefault(word, []).append(candidate)
                        continue
                    table = self.prefixed if choice.prefix and len(choice.words) == 1 else self.exact
                    table.setdefault(choice.words[0], []).append(candidate)
        self.prefix_lengths = sorted({len(p) for p in self.prefixed})
        self.bit_of = _word_bits([*self.numbered, *(c for table in (self.exact, self.prefixed) for cs in table.values() for c in cs),
                                *(c for by_second in self.pairs.values() for cs in by_second.values() for c in cs)])
        self.everyday = frozenset(c.id for c in concepts if EVERYDAY in c.tags)
        self.medicine_names = frozenset(c.id for c in concepts if MEDICINE_NAME in c.tags)
        self.symptoms = frozenset(c.id for c in concepts if SYMPTOM in c.tags)
        self.actions = frozenset(c.id for c in concepts if ACTION in c.tags or WISH in c.tags)
        self.counts = frozenset(c.id for c in concepts if COUNT_TAGS & set(c.tags))
        self.body_words = frozenset(w for c in concepts if BODY_PART in c.tags for t in c.terms
                                    for item in t.split() for w in item.split("|") if w.isalpha())
        # word -> what may start there (_at_word): one dictionary look-up per word of a message
        self._at: dict[str, _WordEntry] = {}
        # candidate -> its one _Term, shared by every word it may start at (each number, each
        # word with a prefix), so the words kept cost a reference per term, not a copy
        self._terms: dict[Candidate, _Term] = {}
        choices = [w for c in concepts for t in c.terms for item in t.split() for w in item.split("|")]
        # for the spelling stage; short words stay out, or "poked" would be read as "puked"
        self.vocabulary = frozenset(w for w in choices if w.isalpha())
        self.words = frozenset(w for w in self.vocabulary if len(w) >= MIN_SPELLING_TARGET)
        self.prefixes = frozenset(w[:-1] for w in choices if w.endswith("*") and w[:-1].isalpha())
        # terms of plain words ("short of breath"): a side effect written so is kept as written
        self.phrases = frozenset(t for c in concepts for t in c.terms if " " in t and re.fullmatch(r"[a-z ]+", t))
        self.kept_as_written = self.vocabulary | self.phrases

    def members(self, names: tuple[str, ...]) -> frozenset[str]:
        """The concept ids that concept ids or tags stand for."""
        return frozenset(c.id for c in self.concepts.values() if c.id in names or set(c.tags) & set(names))

    def _at_word(self, word: str) -> _WordEntry:
        """What may start at this word: the concepts of which it is a whole term, the
        longer terms, and the terms of two plain words by their second word (cached
        per word, up to AT_LIMIT words: typos are words too)."""
        found = list(self.exact.get(word, ()))
        for n in self.prefix_lengths:
            if n > len(word):
                break
            found += self.prefixed.get(word[:n], ())
        if word.isdigit():
            found += self.numbered
        by_second = self.pairs.get(word)
        paired = None if by_second is None else {second: tuple([self._term(c) for c in cs]) for second, cs in by_second.items()}
        bit = self.bit_of.get(word)
        entry = _WordEntry(tuple(self.one_word.get(word, ())), tuple([self._term(c) for c in found]), paired,
                           0 if bit is None else 1 << bit)
        if len(self._at) < AT_LIMIT:
            self._at[word] = entry
        return entry

    def _term(self, candidate: Candidate) -> _Term:
        term = self._terms.get(candidate)
        if term is not None:
            return term
        bit_of = self.bit_of
        need: i64 = 0
        for word in candidate[2]:
            need |= 1 << bit_of[word]
        group: i64 = 0
        for word in (candidate[3][0] if candidate[3] else ()):
            group |= 1 << bit_of[word]
        term = self._terms[candidate] = _Term(candidate, need, group)
        return term

    def find(self, words: tuple[str, ...], clause_of: list[int] | None = None) -> list[tuple[str, int, int]]:
        """(concept, start, end) of every term found, by start and the longest
        first at a start; per concept, the longest match at a start, and no two
        overlapping (the tighter one kept). With ``clause_of`` (each word's
        clause), no match spans two clauses: "or tykerb, for me" is not one
        term, and must not hide "for me specifically" after it."""
        clause_of = clause_of or [0] * len(words)
        found: list[tuple[str, int, int]] = []
        rank: dict[str, int] = {}  # concept -> the order in which the message first has it
        spans: dict[str, list[tuple[int, int]]] = {}
        present = frozenset(words)
        at = self._at
        last = len(words) - 1
        entries: list[_WordEntry] = []
        bits: i64 = 0  # the message's words' bits
        for word in words:
            entry = at.get(word)
            if entry is None:
                entry = self._at_word(word)
            entries.append(entry)
            bits |= entry.bit
        for start, entry in enumerate(entries):
            # this start's matches, (concept, its longest end), in the order found, once a
            # longer term matched here: a start has a match or two, so a list, looked
            # through, is cheaper than a dict
            here: list[tuple[str, int]] | None = None
            terms = entry.terms
            paired = entry.paired
            if paired is not None and start < last:  # most words start no term of two plain words
                more = paired.get(words[start + 1])
                if more:
                    terms = (*terms, *more)
            for term in terms:
                need = term.need
                if need & bits != need or (term.group and not term.group & bits):
                    continue  # a word it can't do without has no bit in the message: not there
                if term.must_words and not _holds_each(present, term.must_words):
                    continue  # a word the term can't do without is not in the message
                if term.choices and not _holds_one_of_each(present, words, term.one_of, term.choices):
                    continue  # nor is any word of one of its groups of choices
                positions = term.positions
                first_end = start + 1 if term.simple_first else position_end(positions[0], words, start)
                if first_end is None:
                    continue
                end = match_from(positions, words, first_end)
                if end is not None and clause_of[end - 1] == clause_of[start]:
                    if here is None:
                        here = [(concept, start + 1) for concept in entry.whole]
                    _keep_longest(here, term.concept, end)
            if here is not None:
                _add_start(found, rank, spans, here, start)
            elif entry.whole:
                _add_whole(found, rank, spans, entry.whole, start)
        return self._without_overlaps(found, spans) if spans else found

    def _without_overlaps(self, found: list[tuple[str, int, int]],
                          spans: dict[str, list[tuple[int, int]]]) -> list[tuple[str, int, int]]:
        """Per concept, no two matches overlap, and the tighter one wins: in "what pain i
        have chest pain" the chest pain is "chest pain", not "pain i have chest" (an
        everyday phrase is the exception: the longest one hides the most). ``spans``:
        each concept found at more than one start, its matches by start."""
        dropped: dict[str, set[int]] = {}  # concept -> the starts of its matches dropped
        for concept, matches in spans.items():
            if all(matches[i][0] >= matches[i - 1][1] for i in range(1, len(matches))):
                continue  # each ends before the next starts: none overlaps another
            matches.sort(key=_longest_first if concept in self.everyday else _tightest_first)
            kept: list[tuple[int, int]] = []
            for start, end in matches:
                if all(end <= a or start >= b for a, b in kept):
                    kept.append((start, end))
                else:
                    dropped.setdefault(concept, set()).add(start)
        if dropped:  # (deleted in place: a new list would rebuild every match kept)
            for i in range(len(found) - 1, -1, -1):
                starts = dropped.get(found[i][0])
                if starts is not None and found[i][1] in starts:
                    del found[i]
        return found

    def read(self, text: str, found: Found) -> Reading:
        words, origin = concept_words(found, self.names, self.kept_as_written)
        if any(mark in text for mark in _APOSTROPHE_MARKS) and _APOSTROPHE_S.search(text):
            words = self._without_apostrophe_s(text, words)
        clauses, sentences = _clauses(text, len(found.tokens), origin)
        clause_of = [0] * len(words)
        for index, (a, b) in enumerate(clauses[1:], 1):
            clause_of[a:b] = [index] * (b - a)
        found_terms = self.find(tuple(words), clause_of)
        everyday: list[tuple[int, int]] = []  # the spans of everyday phrases,
        named: list[tuple[int, int]] = []  # of medicines' names of more than one word,
        signs: list[tuple[int, int]] = []  # and of signs of more than one word
        for c, a, b in found_terms:
            if c in self.everyday:
                everyday.append((a, b))
            if b - a > 1:
                if c in self.medicine_names:
                    named.append((a, b))
                if c in self.symptoms:
                    signs.append((a, b))
        if len(clauses) > 1:
            sentences = self._join_elided(sentences, clause_of, found_terms)
            sentences = _join_pointing_back(words, clauses, sentences)
            sentences = _join_after_context(words, clauses, sentences)
        mentions = []
        join = " ".join
        for concept, start, end in found_terms:
            if everyday and concept not in self.everyday and any(a <= start and end <= b for a, b in everyday):
                continue  # "dead on my feet" says nothing about death
            if named and concept in self.symptoms and any(a <= start and end <= b for a, b in named):
                continue  # "my pain pills", "the nausea meds": a medicine, not a symptom
            if signs and concept in self.actions and any(a <= start and end <= b for a, b in signs):
                continue  # "my heart skips a beat": a sign, not a skipped dose; "can't stop going to the loo"
            clause = clause_of[start]
            written = words[start] if end - start == 1 else join(words[start:end])  # most are one word
            mentions.append(Mention(concept, start, end, clause, sentences[clause], written))
        # in the order of found_terms: by start, the longest first at a start
        return Reading(tuple(words), clauses, sentences, tuple(mentions), "?" in text, "!" in text)

    def _join_elided(self, sentences: tuple[int, ...], clause_of: list[int],
                     found_terms: list[tuple[str, int, int]]) -> tuple[int, ...]:
        """A sentence that says how much or how often (COUNT_TAGS) and names no sign
        of its own is about the sign of the sentence before ("diarrhea wont stop.
        20 times since yesterday, can barely stand."): it joins that sentence."""
        with_sign = {sentences[clause_of[a]] for c, a, b in found_terms if c in self.symptoms}
        with_count = {sentences[clause_of[a]] for c, a, b in found_terms if c in self.counts}
        if not with_sign or not with_count - with_sign:
            return sentences
        joined: dict[int, int] = {}
        for s in sorted(set(sentences)):
            previous = joined.get(s - 1)
            told_more = s in with_count and s not in with_sign
            joined[s] = previous if previous is not None and told_more and previous in with_sign else s
        return tuple(joined[s] for s in sentences)

    def _without_apostrophe_s(self, text: str, words: list[str]) -> list[str]:
        """A part of the body written with 's ("tummy's been off", "skin's peeling") read
        as the word the terms know ("tummy"). Only body parts: "tomorrow's scan" read as
        "tomorrow" is a crisis word."""
        said = {m.group(1).casefold() + "s" for m in _APOSTROPHE_S.finditer(text)}
        return [w[:-1] if w in said and w[:-1] in self.body_words else w for w in words]


# a sentence opening with one of these and then one of those points back ("is that ok?",
# "does it clash"): grammar words, not a lexicon an editor extends
_ASKS: Final = frozenset("is does do will would could can should might was did".split())
_BACK: Final = frozenset("that it this those these".split())


def _join_pointing_back(words: list[str], clauses: tuple[tuple[int, int], ...],
                        sentences: tuple[int, ...]) -> tuple[int, ...]:
    """A question that opens by pointing back ("... started me on Ozempic. does that clash
    with tucatinib?") asks about the sentence before it: it joins that sentence."""
    first_clause: dict[int, int] = {}
    for c, s in enumerate(sentences):
        first_clause.setdefault(s, c)
    joined: dict[int, int] = {}
    for s in sorted(first_clause):
        a, b = clauses[first_clause[s]]
        points = s > 0 and b - a >= 2 and words[a] in _ASKS and words[a + 1] in _BACK
        joined[s] = joined[s - 1] if points and s - 1 in joined else s
    return tuple(joined[s] for s in sentences)


# a sentence of only these words, a drug and numbers says what they are on ("On Perjeta and
# Herceptin. Is melatonin ok for sleep?"): grammar words, not a lexicon an editor extends
_CONTEXT: Final = frozenset("on and im i am ive been currently now also plus both taking just started she he shes hes "
                     "is was my mom mum wife husband dad for the of a since cycle cycles month months week weeks".split())
_DRUG: Final = "@drug"


def _join_after_context(words: list[str], clauses: tuple[tuple[int, int], ...],
                        sentences: tuple[int, ...]) -> tuple[int, ...]:
    """The sentence after one that only says which drug they are on asks about it: it
    joins that sentence, so "On Perjeta. Is melatonin ok?" reads as one question."""
    spans: dict[int, list[str]] = {}
    for c, s in enumerate(sentences):
        spans.setdefault(s, []).extend(words[clauses[c][0]:clauses[c][1]])
    joined: dict[int, int] = {}
    for s in sorted(spans):
        before = spans.get(s - 1)
        context = before is not None and _DRUG in before and "on" in before \
            and all(w in _CONTEXT or w == _DRUG or w.isdigit() for w in before)
        joined[s] = joined[s - 1] if context and s - 1 in joined else s
    return tuple(joined[s] for s in sentences)


def _clauses(text: str, n_tokens: int, origin: list[int]) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """Clause ranges over the concept words and the sentence of each; one
    clause if they cannot be lined up with the words."""
    stripped = text.rstrip(" ?!.\n")
    # most messages: one clause, nothing to line up. A break needs one of _BREAK_MARKS: a
    # look for each (a scan in C) is far cheaper than the pattern's search, which tries
    # its alternatives at every space
    if not any(mark in stripped for mark in _BREAK_MARKS) or not _break_pattern(stripped).search(stripped):
        return ((0, len(origin)),), (0,)
    lengths, sentence_of = clause_lengths(text)
    if sum(lengths) != n_tokens or len(lengths) < 2:
        return ((0, len(origin)),), (0,)
    token_clause: list[int] = []
    for index, n in enumerate(lengths):
        token_clause += [index] * n
    ranges: list[list[int]] = []
    for i, token in enumerate(origin):
        clause = token_clause[token]
        if ranges and len(ranges) - 1 >= clause:
            ranges[-1][1] = i + 1
        else:
            while len(ranges) < clause:
                ranges.append([i, i])
            ranges.append([i, i + 1])
    return tuple((a, b) for a, b in ranges), tuple(sentence_of[: len(ranges)])
