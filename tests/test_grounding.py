"""No invented facts: every answer the bot can give is built from words and
numbers of the source fact sheet, everyday English, and a short, reviewed
list of plain words — so a new drug name, dose, date or statistic slipping
into the content fails here.

The fact sheet is copied to tests/fixtures/ so this runs anywhere; when the
project's shared/ folder sits beside the repository, the copy must match it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.understand.vocabulary import english_words

HERE = Path(__file__).resolve().parent
SHEET = HERE / "fixtures" / "komen-her2-targeted-therapies.txt"
SHARED_SHEET = HERE.parent.parent / "shared" / "source" / "komen-her2-targeted-therapies.txt"

# Words the answers use that are neither on the sheet nor everyday English.
# Each is plain vocabulary, not a fact: names of side effects people ask
# about (answered as "not listed"), words that explain the sheet's terms, and
# the bot's own name.
REVIEWED_WORDS = {
    "biopsy",  # the sheet says the metastasis is "biopsied"
    "conjugate", "inhibitor",  # singular of the sheet's "conjugates", "inhibitors"
    "measurable",  # plain words for the sheet's "detectable"
    "slows",  # the sheet's "slow or stop tumor growth"
    "helpline",  # the Komen phone line on the sheet
    "her2bot",  # the bot's name
    "lifeline",  # the 988 Suicide & Crisis Lifeline (docs/content.md grounding rule 2 allows it)
    "pharmacist",  # who a question about one's own treatment is for (not a fact)
    "neuropathy", "numbness", "tingling", "sores", "flashes",  # side effects NOT on the sheet, named only to say so
}
# Numbers allowed besides the sheet's: emergency numbers (docs/content.md grounding rule 2).
OUTSIDE_NUMBERS = {"911", "988"}
LIST_MARKER = re.compile(r"^\d+\.\s", re.MULTILINE)


@pytest.fixture(scope="module")
def sheet_text() -> str:
    return SHEET.read_text(encoding="utf-8")


def test_fixture_copy_matches_the_shared_source(sheet_text):
    if not SHARED_SHEET.exists():
        pytest.skip("shared/ is not beside the repository here")
    assert SHARED_SHEET.read_text(encoding="utf-8") == sheet_text


def every_answer(bot):
    for label, rendered in bot.render.all_answers():
        yield label, "\n".join([rendered.text, *rendered.suggestions])
    yield "disclaimer", bot.disclaimer


def test_answers_use_only_sheet_words_english_and_reviewed_words(bot, sheet_text):
    # a condition the sheet does not name is named in an answer only to say so
    unnamed = {w for c in bot.content.unnamed_conditions for name in c.names for w in re.findall(r"[a-z]+", name)}
    allowed = set(re.findall(r"[a-z0-9]+", sheet_text.lower())) | english_words() | REVIEWED_WORDS | unnamed
    strange: dict[str, str] = {}
    for label, text in every_answer(bot):
        for word in re.findall(r"[a-z]+", text.lower()):
            if word not in allowed:
                strange.setdefault(word, label)
    assert not strange, f"words from outside the fact sheet (word: first answer using it): {strange}"


def test_numbers_come_from_the_sheet(bot, sheet_text):
    sheet_numbers = set(re.findall(r"\d+", sheet_text))
    strange: dict[str, str] = {}
    for label, text in every_answer(bot):
        for number in re.findall(r"\d+", LIST_MARKER.sub("", text)):
            if number not in sheet_numbers and number not in OUTSIDE_NUMBERS:
                strange.setdefault(number, label)
    assert not strange, f"numbers not on the fact sheet: {strange}"


def test_a_planted_fact_is_caught(bot, sheet_text):
    """The check above can fail: an answer naming another drug and a dose would."""
    allowed = set(re.findall(r"[a-z0-9]+", sheet_text.lower())) | english_words() | REVIEWED_WORDS
    planted = "Tamoxifen is given at 75 mg."
    assert {"tamoxifen"} <= {w for w in re.findall(r"[a-z]+", planted.lower()) if w not in allowed}
    assert "75" not in set(re.findall(r"\d+", sheet_text))
