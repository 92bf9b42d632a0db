"""Is the message mostly in words the bot can't read?

The bot reads English. A message in another language ("我爸突然晕倒了，叫不醒",
"Маме очень плохо, задыхается") passes every stage as a string of unknown
words: the lexicons hold the commonest risk phrases of a few languages, no
more. When no stage understood such a message, the bot's can't-answer reply
must not read like an all-clear, so it says it reads English only and gives
911 and 988 first (bot/core.py). Judged on the words left after the
entities and the spelling stage: the letters of another script, or words
the speller does not know (a typo it corrected is English, not foreign).

That misses most messages in another language written in Latin letters: the
speller "knows" or corrects their short words ("mi", "de", "la"; "sto" ->
"stop", "manca" -> "manga"). So the same words are also given to CLD2,
Chromium's compact language detector (pycld2), which tells Spanish, French,
Portuguese, Polish or Haitian Creole from English in a short message; only
its reliable verdicts count. Names are left out: "can kadcyla cause
nosebleeds" read as Afrikaans. It runs on the can't-answer path, and in the
spelling stage when a word would be corrected (bot/understand/spelling.py):
a message in another language is not "corrected" into English.
"""

from __future__ import annotations

import unicodedata

import pycld2

from bot.understand.entities import Found

MIN_WORDS = 3  # "gracias" or "hola" alone are small talk the intents know, not a message to read
UNREAD_SHARE = 0.5  # at least this share of the words (or of the letters) unread
UNREADABLE = "most of the message is in words I can't read: the reply says so and gives 911 and 988 first"


def mostly_unreadable(found: Found) -> bool:
    """Of the message's words other than names (drugs, side effects) and numbers: at
    least half of their letters in a script other than Latin, or (three words or
    more) at least half of them unknown to the speller, or the words reliably in a
    language other than English."""
    named = {i for e in found.entities for i in range(e.start, e.end)}
    words = [t for i, t in enumerate(found.tokens) if i not in named and not t.isdigit()]
    letters = [c for w in words for c in w if c.isalpha()]
    if len(letters) >= 2 and sum(map(_other_script, letters)) >= UNREAD_SHARE * len(letters):
        return True
    if len(words) >= MIN_WORDS:
        unknown = set(found.unknown)
        unread = sum(w in unknown for w in words)
        # the speller also "corrects" a foreign word into English ("manca" -> "manga"): with a
        # word it could not read at all, corrected words count as unread too
        if unread:
            corrected = {t for t, c in zip(found.tokens, found.corrected_tokens) if t != c}
            unread += sum(w in corrected and w not in unknown for w in words)
        if unread >= UNREAD_SHARE * len(words):
            return True
    return in_another_language(words)


# CLD2 reads short English as Scots now and then ("what is an antibody drug conjugate")
ENGLISH = frozenset({"en", "sco", "un"})  # "un": unknown


def in_another_language(words: list[str]) -> bool:
    """CLD2 reads the words as a language other than English, and says it is sure."""
    try:
        reliable, _, languages = pycld2.detect(" ".join(words))
    except (pycld2.error, UnicodeEncodeError):  # what UTF-8 can't hold (a lone surrogate from JSON) or CLD2 refuses
        return False
    return reliable and languages[0][1] not in ENGLISH


def _other_script(letter: str) -> bool:
    return not letter.isascii() and "LATIN" not in unicodedata.name(letter, "")
