"""Stage 1: turn raw user text into one canonical lower-case form.

Unicode NFKC, casefold, format characters (zero-width space and joiner, word
joiner, soft hyphen, BOM) removed so "kad\u200bcyla" is "kadcyla", markup
tags stripped ("<b>herceptin</b>"), control characters dropped, apostrophes removed
("can't" -> "cant"; "do not" and "cannot" too), the many spellings of HER2 and of the drug abbreviations
unified ("HER-2+" -> "her2 positive", "t dm-1" -> "tdm1"), a "+" between two
words read as "plus" ("weed + enhertu"), every other
punctuation mark turned into a space (the marks that complete a letter in
Hindi or Arabic are no punctuation: bot/content/letters.py), letters stretched for emphasis folded
("sooo" -> "so"), whitespace collapsed. Content (aliases,
example phrasings) goes through the same function at load time, so both sides
of every comparison agree.
"""

from __future__ import annotations

import re
import unicodedata

from bot.content.letters import NON_WORD

MAX_CHARS = 2000

_APOSTROPHE = r"[\u0027\u2018\u2019\u02bc\u0060\u00b4]"
_APOSTROPHES = re.compile(_APOSTROPHE)
# Format characters (Unicode category Cf) that pasted text carries inside words.
_FORMAT = {c: None for c in (0x00AD, 0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF,
                             0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069)}
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_CONTROL = {c: " " for c in range(0, 32)} | {127: " "}
# "we're" is no "were" once the apostrophe is gone ("we're laughing about it" asks nothing)
_WE_ARE = re.compile(rf"\bwe{_APOSTROPHE}re\b")
# Order matters: the specific forms before the general "her 2" rule.
# (pattern, replacement, literal triggers): a rule runs only when one of its
# triggers occurs in the text, which keeps normalising cheap. Order matters:
# the specific HER2 forms before the general "her 2" rule.
_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (r"\bher[\s\-_/]*(?:2|two|ii)\s*(?:/\s*neu)?\s*\+(?=\W|$)", " her2 positive ", ("her",)),
    (r"\bher[\s\-_/]*(?:2|two|ii)\s*(?:/\s*neu)?\s*(?:-|–|—|minus)(?=\s|$|[?.!,])", " her2 negative ", ("her",)),
    (r"\bher[\s\-_/]*(?:2|two)\b(?:\s*/\s*neu\b)?", " her2 ", ("her",)),
    (r"\bh[eu]rr+[\s\-]*2\b", " her2 ", ("herr", "hurr")),  # "herr2", "hurr 2"
    (r"\bher2\s*[\-–—]\s*(positive|low|negative|targeted|neg|pos)\b", r" her2 \1 ", ("her2",)),
    (r"\bher2(low|positive|negative)\b", r" her2 \1 ", ("her2",)),
    (r"\bher2\s+pos\b", " her2 positive ", ("her2",)),
    (r"\bher2\s+neg\b", " her2 negative ", ("her2",)),
    (r"\bt[\s\-–]*dm[\s\-–]*1\b", " tdm1 ", ("dm",)),
    (r"\bt[\s\-–]*dxd\b", " tdxd ", ("dx",)),
    (r"\bi\.\s*v\.?", " iv ", ("i.",)),
    (r"\bsub[\s\-]*q\b", " subq ", ("sub",)),
    (r"\b(\d+)\s*%", r" \1 percent ", ("%",)),
    # a "+" between two words joins them ("weed + enhertu?", "tukysa+xeloda"); after a
    # number or HER2 it is no word ("her2+" is positive, above)
    (r"(?<=[^\W\d_])\s*\+\s*(?=[^\W\d_])", " plus ", ("+",)),
    (r"\bstage\s+(?:4|iv|four)\b", " stage 4 ", ("stage",)),
    (r"\b(sfx|s/e|side fx|sideeffects)\b", " side effects ", ("sfx", "s/e", "fx", "sideeffects")),
    (r"\bkeep(?:s|ing)?\s+(?:an|a close)\s+eye\s+on\b", " monitor ", ("eye",)),  # not an eye problem
    # "do not" -> "dont" (apostrophes are gone by now): one form, so every "dont ..." term also
    # reads "do not ..." ("i do not want to live"); not "is not": terms say "not making sense"
    *((rf"\b{word}\s+not\b", joined, (" not",)) for word, joined in
      (("do", "dont"), ("does", "doesnt"), ("did", "didnt"), ("can", "cant"))),
)
_REWRITES = tuple((re.compile(p), r, triggers) for p, r, triggers in _RULES)
# trigger -> indexes of the rules it enables (checked once per trigger)
_BY_TRIGGER: tuple[tuple[str, tuple[int, ...]], ...] = tuple(
    (t, tuple(i for i, (_, _, ts) in enumerate(_RULES) if t in ts))
    for t in dict.fromkeys(t for _, _, ts in _RULES for t in ts)
)
# Whole words people type on phones or in a hurry, and contractions.
_WORDS = {
    "whats": "what is", "hows": "how is", "wheres": "where is", "whos": "who is", "whens": "when is",
    "thats": "that is", "theres": "there is", "whatre": "what are", "wat": "what",
    "meds": "medicines", "medz": "medicines",
    "thx": "thanks", "thnx": "thanks", "thanx": "thanks", "ty": "thanks", "tysm": "thanks",
    "pls": "please", "plz": "please", "u": "you", "ur": "your",
    "abt": "about", "bout": "about", "ppl": "people", "b4": "before", "bc": "because", "cuz": "because",
    "coz": "because", "wud": "would", "cud": "could", "shud": "should", "abit": "a bit", "alot": "a lot",
    "hiya": "hi", "heya": "hi", "howdy": "hi", "hallo": "hi", "helo": "hi",
    "cannot": "cant",  # one form, so every "cant ..." term also reads "cannot ..."
}
_NUMBER_UNIT = re.compile(r"\b(\d+)([a-z]+)\b")  # "6kg" -> "6 kg", "100mg" -> "100 mg"
_DIGIT = re.compile(r"\d")  # as str.isdigit, in one C scan: most messages have no number
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # "hellooo" -> "hello", "sooo" -> "so"
_MAYBE_STRETCHED = re.compile(r"(.)\1\1")


def truncate(text: str, limit: int = MAX_CHARS) -> tuple[str, bool]:
    """Cut text to `limit` characters; says whether it was cut."""
    if len(text) <= limit:
        return text, False
    return text[:limit], True


def normalise(text: str) -> str:
    """Canonical form of `text` for matching (see module docstring)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(_FORMAT))
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = text.translate(_CONTROL).casefold()
    if "re" in text:
        text = _WE_ARE.sub("we are", text)
    text = _APOSTROPHES.sub("", text)
    present = [rules for trigger, rules in _BY_TRIGGER if trigger in text]
    if present:
        for index in sorted({i for rules in present for i in rules}):
            pattern, replacement, _ = _REWRITES[index]
            text = pattern.sub(replacement, text)
    text = NON_WORD.sub(" ", text).replace("_", " ")
    if _DIGIT.search(text):
        text = _NUMBER_UNIT.sub(r"\1 \2", text)
    if _MAYBE_STRETCHED.search(text):
        text = _STRETCHED.sub(r"\1", text)
    return " ".join([_WORDS.get(w, w) for w in text.split()])
