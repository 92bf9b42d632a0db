"""Suggestion labels keep the sheet's capitalisation: "Did you mean…?"
buttons are built from lower-case example phrasings, but show "HER2", "IV",
"MBC" and brand names as the answers write them."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot import Bot

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = [item["q"] for item in yaml.safe_load((REPO / "tests" / "eval" / "questions.yaml").read_text())["questions"]]
LOWER_CASED = re.compile(r"\b(her2|iv|mbc|fda|kadcyla|enhertu|herceptin|tukysa|i)\b")


def test_no_suggestion_lowercases_a_term_of_the_sheet(bot: Bot):
    clarified = 0
    for question in QUESTIONS:
        reply, _ = bot.respond(question)
        clarified += reply.intent == "clarify"
        for suggestion in reply.suggestions:
            assert not LOWER_CASED.search(suggestion), f"{question!r} -> {suggestion!r}"
    assert clarified, "the set has clarifications, whose labels come from example phrasings"


def test_a_clarification_about_her2_low_says_HER2(bot: Bot):
    reply, _ = bot.respond("explain how her2 therapy slows the cancer down")
    assert reply.intent == "clarify"
    assert all("HER2" in s for s in reply.suggestions), reply.suggestions


def test_everyday_words_and_addresses_keep_their_case(bot: Bot):
    assert bot.casing("where do i go to visit mbc.komen.org") == "where do I go to visit mbc.komen.org"
    assert bot.casing("Which her2 drugs are given by iv?") == "Which HER2 drugs are given by IV?"
