"""Everyday English words (bot/understand/data/common_english.txt, and the
hand-kept extra_english.txt for words the frequency list lacks), and rarer real
words (rarer_english.txt), read once per Bot.

Used to tell a word the bot has simply not seen ("kindly") from a term that
points outside its knowledge ("tamoxifen"), and to keep ordinary words from
being taken for misspelt drug names.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
WORDS_FILE = DATA / "common_english.txt"
EXTRA_FILE = DATA / "extra_english.txt"
RARER_FILE = DATA / "rarer_english.txt"


def english_words(path: Path = WORDS_FILE, extra: Path | None = EXTRA_FILE) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if extra is not None:
        lines += extra.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and line[0] != "#")


def rarer_words(path: Path = RARER_FILE) -> frozenset[str]:
    """Real words too rare to count as everyday ones: the spelling stage keeps them
    as written rather than correcting them into a word the bot knows."""
    return english_words(path, extra=None)
