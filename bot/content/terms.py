"""The small pattern language of concept terms (intents/concepts.yaml).

A term is matched against a message after normalisation (lower case,
apostrophes dropped, punctuation turned into spaces) and spelling correction,
with drug names replaced by ``<drug>``. It is a sequence of positions separated
by spaces:

    word        that word
    word*       any word that starts with "word" (breath* -> breath, breathing)
    a|b|c       any one of these (each may end in *)
    <n>         any number
    <150-220>   a whole number from 150 to 220 ("pulse .. <150-220>")
    <drug>      a drug name
    ..          a gap of up to four words (before a number: with no number in it)

so ``lips|face .. blue|grey`` finds "her lips look blue" and ``pills .. saved``
finds "pills i have saved". ``parse_term`` turns one term into
:class:`Position` objects, or raises TermError saying what is wrong; the
concept stage indexes them by their first word and walks the message's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Final

from bot.content.letters import WORD

GAP: Final = ".."
MAX_GAP_WORDS: Final = 4
NUMBER: Final = "<n>"
_RANGE: Final = re.compile(r"<(\d+)-(\d+)>")
MASKS: Final = {"<drug>": "@drug"}  # how the concept stage writes a masked drug name


class TermError(ValueError):
    pass


# Kept in the snapshot (bot/content/snapshot.py), so pickled. Compiled, they are mypyc's
# own classes, which pickle cannot rebuild by itself: each says how (__reduce__), from
# the arguments it was made with.
@dataclass(frozen=True)
class Choice:
    words: tuple[str, ...]  # one word, or several when a word folds into more ("whats" -> "what is")
    prefix: bool = False  # the last word may go on ("breath*")

    def __reduce__(self) -> tuple[type[Choice], tuple[tuple[str, ...], bool]]:
        return Choice, (self.words, self.prefix)


@dataclass(frozen=True)
class Position:
    choices: tuple[Choice, ...]
    number: bool = False
    gap_before: bool = False  # up to MAX_GAP_WORDS words may come before it
    low: int = 0  # a number's range (inclusive)
    high: int | None = None
    # derived in __post_init__ (declared, so that a compiled build knows them)
    single: frozenset[str] = field(init=False, repr=False, compare=False)
    others: tuple[Choice, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # plain one-word choices as a set: one look-up instead of a loop
        object.__setattr__(self, "single", frozenset(c.words[0] for c in self.choices if len(c.words) == 1 and not c.prefix))
        object.__setattr__(self, "others", tuple(c for c in self.choices if len(c.words) > 1 or c.prefix))

    def __reduce__(self) -> tuple[type[Position], tuple[tuple[Choice, ...], bool, bool, int, int | None]]:
        return Position, (self.choices, self.number, self.gap_before, self.low, self.high)


def _choice(text: str, normalise_word: Callable[[str], str]) -> Choice:
    if text in MASKS:
        return Choice((MASKS[text],))
    prefix = text.endswith("*")
    words = tuple(normalise_word(text.rstrip("*")).split())
    if not words or not all(WORD.fullmatch(w) for w in words):
        raise TermError(f"'{text}' is not a word (use letters, digits, <drug>, <n> or a final *)")
    return Choice(words, prefix)


def parse_term(term: str, normalise_word: Callable[[str], str] = lambda w: w) -> tuple[Position, ...]:
    """The positions of one term (see the module docstring).

    ``normalise_word`` folds each word the way messages are folded, so an
    editor can write "can't" and still match "cant"."""
    items = term.split()
    if not items:
        raise TermError("the term is empty")
    if items[0] == GAP or items[-1] == GAP:
        raise TermError(f"'{GAP}' must stand between two words")
    positions: list[Position] = []
    gap_before = False
    for item in items:
        if item == GAP:
            if gap_before:
                raise TermError(f"two '{GAP}' in a row")
            gap_before = True
            continue
        positions.append(_position(item, gap_before, normalise_word))
        gap_before = False
    return tuple(positions)


@lru_cache(maxsize=None)
def _position(item: str, gap_before: bool, normalise_word: Callable[[str], str]) -> Position:
    """One position (cached: thousands of terms share their words, and a
    Position is immutable)."""
    if item == NUMBER:
        return Position((), number=True, gap_before=gap_before)
    bounds = _RANGE.fullmatch(item)
    if bounds:
        low, high = int(bounds[1]), int(bounds[2])
        if low > high:
            raise TermError(f"'{item}': the range runs from the smaller number to the larger")
        return Position((), number=True, gap_before=gap_before, low=low, high=high)
    parts = item.split("|")
    if "" in parts:
        raise TermError(f"empty choice in '{item}'")
    if NUMBER in parts or any(_RANGE.fullmatch(p) for p in parts):
        raise TermError(f"a number can't be one of several choices in '{item}': write it as a term of its own")
    # dict.fromkeys: two spellings that fold into one ("diarrhea|diarrhoea") are one choice
    return Position(tuple(dict.fromkeys(_choice(p, normalise_word) for p in parts)), gap_before=gap_before)


def _choice_end(choice: Choice, words: tuple[str, ...], at: int) -> int | None:
    n = len(choice.words)
    if at + n > len(words):
        return None
    for k, want in enumerate(choice.words):
        word = words[at + k]
        last = k == n - 1
        if word != want and not (last and choice.prefix and word.startswith(want)):
            return None
    return at + n


def position_end(position: Position, words: tuple[str, ...], at: int) -> int | None:
    """Where this position ends if it matches at word `at` (else None)."""
    if at >= len(words):
        return None
    if position.number:
        word = words[at]
        if not word.isdecimal():  # "²" and "፪" are digits but no number int() reads
            return None
        return at + 1 if position.high is None or position.low <= int(word) <= position.high else None
    for choice in position.others:  # longer choices first: "closing up" over "closing"
        end = _choice_end(choice, words, at)
        if end is not None:
            return end
    return at + 1 if words[at] in position.single else None


def match_from(positions: tuple[Position, ...], words: tuple[str, ...], first_end: int, index: int = 1) -> int | None:
    """The end of the term whose first ``index`` positions matched up to word
    `first_end`, or None; a gap tries the nearest place first."""
    if index == len(positions):
        return first_end
    position = positions[index]
    last = min(first_end + MAX_GAP_WORDS, len(words)) if position.gap_before else first_end  # the last place to try
    for start in range(first_end, last + 1):  # (one range, not a range or a tuple: compiled, a loop over ints)
        if position.number and start > first_end and words[start - 1].isdigit():
            break  # a reading is the number nearest its name: "oxygen 96 and pulse 82" has no oxygen of 82
        end = position_end(position, words, start)
        if end is not None:
            rest = match_from(positions, words, end, index + 1)
            if rest is not None:
                return rest
    return None
