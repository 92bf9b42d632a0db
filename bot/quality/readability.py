"""Plain language: the reading grade of every answer the bot can give.

Each answer from ``Renderer.all_answers()`` is graded with the Flesch-Kincaid
grade level (``textstat.flesch_kincaid_grade``) after a few fixed steps that
keep the grade about the *wording*, not about names the answer cannot avoid:

1. The disclaimer is cut off (it is the same on every reply).
2. Names become one short placeholder word, because the formula counts
   syllables and "ado-trastuzumab emtansine" would otherwise weigh as much as
   a paragraph of jargon, although it is simply the drug's name:
     - every drug's generic name, full generic name and brand names, and its
       pronunciation guide ("tras-TOO-zoo-mab")        -> "Drugname"
     - the names of the kinds of drug (HER2 antibody drug conjugate,
       tyrosine-kinase inhibitor, HER2 antibody drug) and the HER2 terms
       (HER2-targeted, HER2-positive, HER2-low, HER2-negative, HER2) -> "Term"
   Everything else counts: "metastatic", "chemotherapy", "blood-brain barrier",
   "biosimilar" and the like are hard words the text should explain or avoid.
3. Contact details are not sentences: the phone number becomes "Phone", web
   addresses "Website", "Susan G. Komen" "Komen" (the dots in "G." and
   "mbc.komen.org" would otherwise be counted as sentence ends).
4. A drug name with its brand names in brackets ("trastuzumab (Herceptin and
   Herceptin Hylecta)") is one name, and a list of names ("A, B and C") one
   item, "Drugnames": a list of names is read at a glance, but the formula
   would count it as a very long sentence.
5. Each line is one sentence: list markers ("- ", "1. ") are dropped and a
   full stop is added to a line without one (a bulleted list is not one long
   sentence).

Rule (``her2bot check``): the mean grade must be at most MAX_MEAN and no answer
above MAX_ANY; otherwise it is a problem (exit code 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import TYPE_CHECKING, Iterable

from bot.content.yamlfile import Problem
from bot.quality.report import Report

if TYPE_CHECKING:
    from bot.core import Bot
    from bot.content.model import Content

MAX_MEAN = 8.0
MAX_ANY = 10.0
DRUG_WORD = "Drugname"
TERM_WORD = "Term"
HER2_TERMS = ("HER2-targeted", "HER2-positive", "HER2-low", "HER2-negative", "HER2")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_WITH_BRANDS = re.compile(rf"{DRUG_WORD} \({DRUG_WORD}(?:(?:, | and | or ){DRUG_WORD})*\)")
_NAME_LIST = re.compile(rf"{DRUG_WORD}(?:(?:, | and | or ){DRUG_WORD})+")
_URL = re.compile(r"\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:org|com|gov|net)\b(?:/\S*)?", re.IGNORECASE)


@dataclass(frozen=True)
class Grade:
    label: str  # which answer: "topic:cure", "drug:tucatinib:overview", ...
    grade: float
    text: str  # the text as graded (names replaced)


def _names(content: "Content") -> tuple[list[str], list[str]]:
    drugs: set[str] = set()
    for d in content.drugs:
        drugs.update(n for n in (d.name, d.full_name, d.pronunciation, *d.brand_names) if n)
    terms: set[str] = set(HER2_TERMS)
    for k in content.kinds.values():
        terms.update((k.name, k.plural))
    longest_first = lambda names: sorted(names, key=lambda n: (-len(n), n))  # noqa: E731
    return longest_first(drugs), longest_first(terms)


def _pattern(names: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


class Grader:
    """Prepares and grades answer texts for one loaded content."""

    def __init__(self, content: "Content") -> None:
        drugs, terms = _names(content)
        self.drugs = drugs
        self.terms = terms
        self._drug_re = _pattern(drugs)
        self._term_re = _pattern(terms)
        h = content.helpline
        self._phones = sorted({f"{h.phone_words} ({h.phone})", h.phone_words, h.phone}, key=len, reverse=True)
        self.disclaimer = content.disclaimer

    def prepare(self, text: str) -> str:
        """The text as it is graded (see the module docstring)."""
        text = text.strip()
        if self.disclaimer and text.endswith(self.disclaimer):
            text = text[: -len(self.disclaimer)].rstrip()
        for phone in self._phones:
            text = text.replace(phone, "Phone")
        text = text.replace("Susan G. Komen", "Komen").replace("U.S.", "US")
        text = _URL.sub("Website", text)
        text = self._drug_re.sub(DRUG_WORD, text)
        text = self._term_re.sub(TERM_WORD, text)
        text = _WITH_BRANDS.sub(DRUG_WORD, text)
        text = _NAME_LIST.sub(DRUG_WORD + "s", text)
        lines = []
        for line in text.splitlines():
            line = _LIST_MARKER.sub("", line).strip()
            if not line:
                continue
            if line[-1] not in ".!?:":
                line += "."
            elif line.endswith(":"):
                line = line[:-1] + "."
            lines.append(line)
        return " ".join(lines)

    def grade(self, text: str) -> float:
        import textstat  # heavy-ish; only `her2bot check` and the tests need it

        return float(textstat.flesch_kincaid_grade(self.prepare(text)))


def answer_grades(bot: "Bot") -> list[Grade]:
    """The grade of every answer the content can produce, hardest first."""
    grader = Grader(bot.content)
    grades = [Grade(label, round(grader.grade(r.text), 1), grader.prepare(r.text)) for label, r in bot.render.all_answers()]
    grades.sort(key=lambda g: (-g.grade, g.label))
    return grades


def source_of(label: str, root: str) -> tuple[str, int]:
    """The knowledge file (and line, when it can be found) an answer's words come from."""
    kind, _, rest = label.partition(":")
    key = rest.split(":")[0]
    if kind == "topic":
        return _find_line(root, "knowledge/topics.yaml", rf"^\s*- id: {re.escape(key)}\s*$")
    if kind == "drug":
        return _find_line(root, "knowledge/drugs.yaml", rf"^\s*- id: {re.escape(key)}\s*$")
    if kind == "lookup":
        return _find_line(root, "knowledge/templates.yaml", rf"^\s*{re.escape(key)}:")
    if kind in ("compare", "names"):
        return "knowledge/templates.yaml", 0
    if kind.startswith("safety.") or kind in ("chitchat", "fallback", "fallback_other_language", "fallback_told", "ask_drug"):
        name = kind.removeprefix("safety.") if kind.startswith("safety.") else (key or kind)
        return _find_line(root, "knowledge/responses.yaml", rf"^\s*{re.escape(name)}:")
    return "knowledge", 0


def _find_line(root: str, rel: str, pattern: str) -> tuple[str, int]:
    try:
        lines = (Path(root) / rel).read_text(encoding="utf-8").splitlines()
    except OSError:
        return rel, 0
    rx = re.compile(pattern)
    for number, line in enumerate(lines, 1):
        if rx.search(line):
            return rel, number
    return rel, 0


def check_readability(bot: "Bot", worst: int = 5) -> Report:
    """`her2bot check` hook: mean and worst grades; a problem when over the limits."""

    grades = answer_grades(bot)
    report = Report()
    if not grades:
        return report
    average = mean(g.grade for g in grades)
    hardest = ", ".join(f"{g.label} {g.grade:.1f}" for g in grades[:worst])
    report.info.append(
        f"reading grade (Flesch-Kincaid, names replaced): mean {average:.1f} over {len(grades)} answers "
        f"(limit {MAX_MEAN:g}), hardest: {hardest} (limit {MAX_ANY:g} each)"
    )
    if average > MAX_MEAN:
        report.problems.append(Problem("knowledge", 0, f"mean reading grade {average:.1f} is above {MAX_MEAN:g}: use shorter sentences and plainer words"))
    for g in grades:
        if g.grade > MAX_ANY:
            file, line = source_of(g.label, bot.content.root)
            report.problems.append(Problem(file, line, f"answer {g.label} reads at grade {g.grade:.1f} (limit {MAX_ANY:g}): {g.text[:120]!r}"))
    return report
