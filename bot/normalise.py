"""Stage 1: turn raw user text into one canonical lower-case form.

Unicode NFKC, casefold, control characters dropped, apostrophes removed
("can't" -> "cant"), the many spellings of HER2 and of the drug abbreviations
unified ("HER-2+" -> "her2 positive", "t dm-1" -> "tdm1"), every other
punctuation mark turned into a space, letters stretched for emphasis folded
("sooo" -> "so"), whitespace collapsed. Content (aliases,
example phrasings) goes through the same function at load time, so both sides
of every comparison agree.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 2000

_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bc\u0060\u00b4]")
_CONTROL = {c: " " for c in range(0, 32)} | {127: " "}
# Order matters: the specific forms before the general "her 2" rule.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\bher[\s\-_/]*(?:2|two|ii)\s*(?:/\s*neu)?\s*\+(?=\W|$)", " her2 positive "),
        (r"\bher[\s\-_/]*(?:2|two|ii)\s*(?:/\s*neu)?\s*(?:-|–|—|minus)(?=\s|$|[?.!,])", " her2 negative "),
        (r"\bher[\s\-_/]*(?:2|two)\b(?:\s*/\s*neu\b)?", " her2 "),
        (r"\bh[eu]rr+[\s\-]*2\b", " her2 "),  # "herr2", "hurr 2"
        (r"\bher2\s*[\-–—]\s*(positive|low|negative|targeted|neg|pos)\b", r" her2 \1 "),
        (r"\bher2(low|positive|negative)\b", r" her2 \1 "),
        (r"\bher2\s+pos\b", " her2 positive "),
        (r"\bher2\s+neg\b", " her2 negative "),
        (r"\bt[\s\-–]*dm[\s\-–]*1\b", " tdm1 "),
        (r"\bt[\s\-–]*dxd\b", " tdxd "),
        (r"\bi\.\s*v\.?", " iv "),
        (r"\bsub[\s\-]*q\b", " subq "),
        (r"\b(\d+)\s*%", r" \1 percent "),
        (r"\bstage\s+(?:4|iv|four)\b", " stage 4 "),
        (r"\b(what|how|where|who|when|which|that|there)s\b", r" \1 is "),
        (r"\bwhatre\b", " what are "),
        # shorthand people type on phones
        (r"\b(sfx|s/e|side fx|sideeffects)\b", " side effects "),
        (r"\b(meds|medz)\b", " medicines "),
        (r"\b(thx|thnx|thanx|ty|tysm)\b", " thanks "),
        (r"\bpls|plz\b", " please "),
        (r"\bu\b", " you "),
        (r"\bwat\b", " what "),
        (r"\b(hiya|heya|howdy|hallo|helo)\b", " hi "),
        (r"\bur\b", " your "),
    )
)
_NON_WORD = re.compile(r"[^\w]+")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # "hellooo" -> "hello", "sooo" -> "so"
_UNDERSCORE = re.compile(r"_+")


def truncate(text: str, limit: int = MAX_CHARS) -> tuple[str, bool]:
    """Cut text to `limit` characters; says whether it was cut."""
    if len(text) <= limit:
        return text, False
    return text[:limit], True


def normalise(text: str) -> str:
    """Canonical form of `text` for matching (see module docstring)."""
    text = unicodedata.normalize("NFKC", text).translate(_CONTROL).casefold()
    text = _APOSTROPHES.sub("", text)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    text = _NON_WORD.sub(" ", text)
    text = _UNDERSCORE.sub(" ", text)
    text = _STRETCHED.sub(r"\1", text)
    return " ".join(text.split())
