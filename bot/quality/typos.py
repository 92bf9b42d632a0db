"""Deterministic typing mistakes, for measuring how well the bot copes with them.

``perturb(text, seed)`` returns the text with some words mistyped the way
people mistype on a phone or keyboard. Each word of 4+ letters is changed
with probability ``rate`` (and every text that has such a word gets at least
one change), by one of four edits:

  drop       a letter left out           kadcyla -> kadcla
  swap       two neighbouring letters    enhertu -> enhetru
  double     a letter typed twice        nausea  -> nauusea
  neighbour  a key next to it (QWERTY)   lungs   -> lunfs

The first letter of a word is never touched (people rarely get it wrong, and
it keeps the set close to real typing). Only letters change: spaces,
digits and punctuation stay as they are, so the expected labels of a question
still hold. The random generator is seeded from the seed *and the text*, so a
question always gets the same typos, whatever else is in the data set.
"""

from __future__ import annotations

import random
import re

EDITS = ("drop", "swap", "double", "neighbour")
DEFAULT_SEED = 5
DEFAULT_RATE = 0.3
MIN_LETTERS = 4

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_WORD = re.compile(r"[^\W\d_]+")


def _neighbours() -> dict[str, str]:
    """Keys that touch each letter on a QWERTY keyboard (same row and the rows above/below)."""
    out: dict[str, str] = {}
    for r, row in enumerate(_ROWS):
        for c, key in enumerate(row):
            near: list[str] = []
            for dr, cols in ((0, (c - 1, c + 1)), (-1, (c, c + 1)), (1, (c - 1, c))):
                if not 0 <= r + dr < len(_ROWS):
                    continue
                other = _ROWS[r + dr]
                near += [other[i] for i in cols if 0 <= i < len(other)]
            out[key] = "".join(near)
    return out


NEIGHBOURS = _neighbours()


def _with_case(new: str, like: str) -> str:
    return new.upper() if like.isupper() else new


def mistype(word: str, rng: random.Random) -> str:
    """One edit somewhere after the first letter of `word` (returned unchanged if too short)."""
    if len(word) < 2:
        return word
    edits = list(EDITS)
    rng.shuffle(edits)
    for edit in edits:
        if edit == "drop" and len(word) >= 3:
            i = rng.randrange(1, len(word))
            return word[:i] + word[i + 1 :]
        if edit == "swap":
            spots = [i for i in range(1, len(word) - 1) if word[i].lower() != word[i + 1].lower()]
            if spots:
                i = rng.choice(spots)
                return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if edit == "double":
            i = rng.randrange(1, len(word))
            return word[: i + 1] + word[i] + word[i + 1 :]
        if edit == "neighbour":
            spots = [i for i in range(1, len(word)) if word[i].lower() in NEIGHBOURS]
            if spots:
                i = rng.choice(spots)
                key = rng.choice(NEIGHBOURS[word[i].lower()])
                return word[:i] + _with_case(key, word[i]) + word[i + 1 :]
    return word


def perturb(text: str, seed: int = DEFAULT_SEED, rate: float = DEFAULT_RATE) -> str:
    """`text` with typing mistakes, the same ones every time for the same (text, seed)."""
    rng = random.Random(f"{seed}:{text}")
    words = [m for m in _WORD.finditer(text) if len(m.group()) >= MIN_LETTERS]
    if not words:
        return text
    chosen = {i for i in range(len(words)) if rng.random() < rate}
    if not chosen:
        chosen = {rng.randrange(len(words))}
    out: list[str] = []
    last = 0
    for i, match in enumerate(words):
        out.append(text[last : match.start()])
        out.append(mistype(match.group(), rng) if i in chosen else match.group())
        last = match.end()
    out.append(text[last:])
    return "".join(out)
