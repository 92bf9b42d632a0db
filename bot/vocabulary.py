"""Everyday English words (bot/data/common_english.txt), read once per Bot.

Used to tell a word the bot has simply not seen ("kindly") from a term that
points outside its knowledge ("tamoxifen"), and to keep ordinary words from
being taken for misspelt drug names.
"""

from __future__ import annotations

from pathlib import Path

WORDS_FILE = Path(__file__).resolve().parent / "data" / "common_english.txt"


def english_words(path: Path = WORDS_FILE) -> frozenset[str]:
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))
