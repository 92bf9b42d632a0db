"""Everyday English words (bot/understand/data/common_english.txt), read once per Bot.

Used to tell a word the bot has simply not seen ("kindly") from a term that
points outside its knowledge ("tamoxifen"), and to keep ordinary words from
being taken for misspelt drug names.
"""

from __future__ import annotations

from pathlib import Path

WORDS_FILE = Path(__file__).resolve().parent / "data" / "common_english.txt"


def english_words(path: Path = WORDS_FILE) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and line[0] != "#")
