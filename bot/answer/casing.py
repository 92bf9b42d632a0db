"""The sheet's capitalisation for words of suggestions built from example
phrasings ("what is her2 low" -> "What is HER2 low?", "iv" -> "IV").

Example phrasings are written the way people type, in lower case; when the
bot offers one back as a button ("Did you mean…?"), its words should look
as they do in the answers. The table is learnt from the content's own
written text (answers, titles, templates), so editors never list words by
hand: an abbreviation (HER2, IV, MBC, FDA) gets the form it has in at least
80% of its uses, unless it is also one of the 1,000 most frequent English
words ("GO" in 1-877 GO KOMEN stays "go"); brand names get their own spelling; "i" becomes "I".
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from bot.content.model import Content
from bot.understand.vocabulary import WORDS_FILE

EVERYDAY = 1000  # the most frequent English words: "go", "us" keep their everyday case

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SENTENCE_END = re.compile(r"[.!?:\n]\s*$")  # what comes before a sentence's first word
_IN_ADDRESS = re.compile(r"[.@/][A-Za-z0-9]")


def _texts(content: Content) -> Iterable[str]:
    for topic in content.topics.values():
        yield topic.title
        yield topic.answer
        yield from topic.suggestions
    yield from content.templates.values()
    yield from content.lookups.values()
    yield from content.responses.values()
    yield from content.chitchat.values()
    yield from (intent.title for intent in content.intents if intent.title)
    for drug in content.drugs:
        yield from drug.used_for
        yield from drug.notes
    for kind in content.kinds.values():
        yield f"{kind.name} {kind.explain}"


def _in_address(text: str, match: re.Match[str]) -> bool:
    """Part of a web or e-mail address (mbc.komen.org), which keeps its case."""
    return bool(_IN_ADDRESS.match(text, match.end())) or text[max(0, match.start() - 1):match.start()] in (".", "@", "/")


def _everyday() -> frozenset[str]:
    words = [line for line in WORDS_FILE.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return frozenset(words[:EVERYDAY])


def _abbreviation(word: str) -> bool:
    return len(word) >= 2 and (word.isupper() or any(ch.isdigit() for ch in word)) and any(ch.isupper() for ch in word)


def case_table(content: Content) -> dict[str, str]:
    """lower-case word -> the cased form the content uses for it."""
    texts = list(_texts(content))
    everyday = _everyday()
    # Only words written as an abbreviation somewhere can get a cased form.
    candidates = {w.lower() for text in texts for w in _WORD.findall(text) if _abbreviation(w)} - everyday
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for match in _WORD.finditer(text):
            if match.group().lower() not in candidates:
                continue
            before = text[max(0, match.start() - 8):match.start()]
            if (match.start() <= 8 and not before.strip()) or _SENTENCE_END.search(before) or _in_address(text, match):
                continue  # a sentence's first word, or part of mbc.komen.org
            word = match.group()
            seen.setdefault(word.lower(), Counter())[word] += 1
    table = {"i": "I"}
    for lower, forms in seen.items():
        form, count = forms.most_common(1)[0]
        if _abbreviation(form) and count >= 0.8 * sum(forms.values()):
            table[lower] = form
    for drug in content.drugs:
        for brand in drug.brand_names:
            for word in _WORD.findall(brand):
                table.setdefault(word.lower(), word)
    return table


class Casing:
    """Built on first use: only "Did you mean…?" replies need it, so start-up doesn't pay."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._table: dict[str, str] | None = None

    @property
    def table(self) -> dict[str, str]:
        if self._table is None:
            self._table = case_table(self.content)  # a race only builds the same table twice
        return self._table

    def __call__(self, text: str) -> str:
        """The text with each word in the sheet's case; the first letter stays as given."""
        table = self.table

        def cased(m: re.Match[str]) -> str:
            word = m.group()
            return table.get(word, word) if word.islower() and not _in_address(text, m) else word

        out = _WORD.sub(cased, text)
        return text[:1] + out[1:] if text[:1].isupper() else out
