"""What a letter of a word is, in every script people write to the bot in.

Python's ``\\w`` knows the letters of every script but not the marks that
complete them: the vowel signs of Hindi, Bengali or Tamil, the points of
Hebrew, the vowel marks of Arabic. Read as punctuation, they split a word
into pieces ("कभी" became "कभ"). The message normaliser and the lexicons'
term checker both take their word characters from here, so a term and a
message fold the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the blocks whose scripts write words with marks; scanning them at import costs
# about a millisecond, where the whole of Unicode would cost fifty
_BLOCKS_WITH_MARKS = (
    (0x0300, 0x0370),  # combining accents (Latin, Greek, Cyrillic) not composed by NFKC
    (0x0483, 0x048A),  # Cyrillic
    (0x0591, 0x05C8),  # Hebrew
    (0x0610, 0x06EE),  # Arabic
    (0x0900, 0x0E00),  # Devanagari to Sinhala: Hindi, Bengali, Punjabi, Gujarati, Tamil, Telugu...
    (0x0E00, 0x0F00),  # Thai, Lao
    (0x1000, 0x10A0),  # Myanmar
    (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30),  # more combining marks
    (0x3099, 0x309B),  # Japanese voicing marks
)
MARKS = "".join(chr(c) for start, end in _BLOCKS_WITH_MARKS for c in range(start, end)
                if unicodedata.category(chr(c)).startswith("M"))
# one or more characters that are no part of a word
NON_WORD = re.compile(rf"[^\w{MARKS}]+")
# a whole word: letters, digits and marks of any script
WORD = re.compile(rf"(?:[^\W_]|[{MARKS}])+")


@lru_cache(maxsize=4096)
def without_accents(word: str) -> str:
    """The word without accents and other joining marks ("más" -> "mas",
    "không" -> "khong", "أموت" -> "اموت"), so a term written in plain letters
    finds words written with them; a script's vowel signs stay."""
    if word.isascii():
        return word
    folded = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c))
