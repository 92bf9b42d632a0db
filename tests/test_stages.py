"""Unit tests of the middle pipeline stages on their own: spelling, scope
screen, ranking and the dialogue policy's two fallback rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.understand.entities import Found
from bot.understand.normalise import normalise
from bot.decide.policy import Policy
from bot.understand import ranking
from bot.understand.ranking import Candidate, content_words, stem
from bot.reply import State
from bot.understand.spelling import ENGLISH, FIXED, KNOWN, UNKNOWN, Speller, apply_spelling

REPO = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------- spelling

@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(vocabulary={"treatment", "brand", "brain", "side", "breathe", "what", "weakness", "chat", "chest"},
                   english={"kindly", "before", "the"}, rarer={"wellness"})


@pytest.mark.parametrize(
    "word, fixed, kind",
    [
        ("treatment", "treatment", KNOWN),
        ("treatmnet", "treatment", FIXED),  # swapped letters: one edit
        ("bradn", "brand", FIXED),  # equally close to 'brain': the reordering wins
        ("chst", "chest", FIXED),  # equally close to 'chat': a letter left out wins over one changed
        ("sde", "side", FIXED),
        ("kindly", "kindly", ENGLISH),
        ("befroe", "before", ENGLISH),
        ("kisqali", "kisqali", UNKNOWN),
        ("wellness", "wellness", UNKNOWN),  # a rarer real word: kept, not read as "weakness"
        ("weaknes", "weakness", FIXED),
        ("乳腺癌", "乳腺癌", UNKNOWN),
        ("42", "42", KNOWN),
    ],
)
def test_speller(speller, word, fixed, kind):
    assert (speller.check(word).word, speller.check(word).kind) == (fixed, kind)


@pytest.mark.parametrize("word", ["wellness", "concussion", "raging", "flirting", "breadth", "mediation"])
def test_the_bot_keeps_real_words_that_are_one_edit_from_a_sign(bot, word):
    # each was once "corrected" into a sign: weakness, confusion, racing, fainting, breath, medication
    assert bot.speller.check(word).word == word


def test_a_new_first_letter_never_makes_a_word_of_another_language():
    # Tagalog "mabigat" (heavy) was "corrected" to the crisis word "pabigat" (a burden); an
    # English word one letter off in front still is one ("dhest" -> "chest")
    speller = Speller(vocabulary={"pabigat", "chest"}, english={"chest"})
    assert speller.check("mabigat").word == "mabigat"
    assert speller.check("dhest").word == "chest"
    assert speller.check("pabigta").word == "pabigat"  # a typo of the word itself still is fixed


@pytest.mark.parametrize(
    "word, full",
    [("killin", "killing"), ("thinkin", "thinking"), ("vomitin", "vomiting"), ("runnin", "running"),
     ("makin", "making"), ("goin", "going"), ("nothin", "nothing"), ("stoppin", "stopping"), ("faintin", "fainting")],
)
def test_the_bot_reads_a_dropped_g_as_the_ing_word(bot, word, full):
    assert bot.speller.check(word).word == full


@pytest.mark.parametrize("word", ["thin", "chin", "aspirin", "raisin", "cousin", "vitamin", "begin", "insulin"])
def test_a_word_of_its_own_that_ends_in_in_is_kept(bot, word):
    assert bot.speller.check(word).word == word


def test_a_dropped_g_does_not_hide_a_crisis_from_the_rules(bot):
    # the learned crisis model read it too; the rules had missed "killin myself"
    reply = bot.respond("been thinkin bout killin myself alot lately", debug=True)[0]
    assert reply.kind == "crisis" and "988" in reply.text
    assert "self_harm" in reply.debug.kind_reason


def test_spelling_keeps_entity_names_and_rebuilds_the_masked_text(bot):
    found = apply_spelling(bot.entities.find(normalise("does enhurtu cause lung problms")), bot.speller)
    assert found.masked.startswith("does @drug cause @side_effect")
    assert "enhurtu" in found.corrected_tokens  # the drug name itself is not "corrected"
    assert found.unknown == ()


# ---------------------------------------------------------------- scope

@pytest.mark.parametrize(
    "text, rule",
    [
        ("how much does it cost", "out_of_scope_fact"),
        ("how is lung cancer treated", "other_topic"),
        ("does tykerb cause vomiting", None),
        ("dose tykerb cause vomiting", None),  # the common typo of "does"
    ],
)
def test_scope_screen(bot, text, rule):
    hit = bot.scope.screen(normalise(text))
    assert (hit.rule.id if hit else None) == rule


def test_negation_patterns(bot):
    assert bot.scope.is_negated(normalise("I don't want to know about side effects"))
    assert not bot.scope.is_negated(normalise("I want to know about side effects"))


# -------------------------------------------------------------- ranking

def test_stemmer_joins_word_forms():
    assert stem("cure") == stem("cured") == stem("curable") == stem("curing")
    assert stem("treat") == stem("treatment") == stem("treated")
    assert stem("drugs") == stem("drug") and stem("@drug") == "@drug"


def test_content_words_drop_filler_and_fold_synonyms():
    assert content_words("what is the @drug medicine") == "what @drug drug"


def test_ranking_puts_the_matching_intent_first_and_is_sorted(bot):
    ranked = bot.intents.rank(bot.entities.find(normalise("how do you pronounce lapatinib")).masked)
    assert ranked[0].intent == "drug_pronunciation"
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)
    assert len({c.intent for c in ranked}) == len(ranked)  # one candidate per intent


EVAL_MESSAGES = REPO / "tests" / "eval" / "questions.yaml"


def test_the_walk_over_common_words_finds_what_visiting_every_example_finds(bot, monkeypatch):
    """With every word made "common" the ranking walks the examples in norm
    order and stops early (Fagin's threshold); without the step bound that
    stop is exact, so the ranking equals the one that visits every example
    sharing a word (every word "rare")."""
    messages = [bot.entities.find(normalise(q["q"])).masked for q in yaml.safe_load(EVAL_MESSAGES.read_text())["questions"]]
    monkeypatch.setattr(ranking, "RARE_POSTINGS", 10**9)
    everything = [[(c.intent, c.score) for c in bot.intents.rank(m)] for m in messages]
    monkeypatch.setattr(ranking, "RARE_POSTINGS", 0)
    monkeypatch.setattr(ranking, "COMMON_WALK", 10**9)
    walked = [[(c.intent, c.score) for c in bot.intents.rank(m)] for m in messages]
    assert [r[:3] for r in walked] == [r[:3] for r in everything]
    monkeypatch.setattr(ranking, "COMMON_WALK", 50)
    bounded = [r[:1] for r in ([(c.intent, c.score) for c in bot.intents.rank(m)] for m in messages)]
    assert bounded != [r[:1] for r in everything]  # the bound does cut the walk short when set low


# --------------------------------------------------------------- policy

def found(bot, text: str) -> Found:
    return apply_spelling(bot.entities.find(normalise(text)), bot.speller)


def test_threshold_rule(bot):
    policy = Policy(bot.content, threshold=60, margin=2)
    decision = policy.decide(found(bot, "what is her2"), [Candidate("her2", 59.0, "x")], State())
    assert decision.action == "fallback" and "threshold" in decision.reason
    decision = policy.decide(found(bot, "what is her2"), [Candidate("her2", 61.0, "x")], State())
    assert decision.action == "answer"


def test_margin_rule(bot):
    policy = Policy(bot.content, threshold=40, margin=5)
    ranked = [Candidate("her2", 70.0, "x"), Candidate("her2_low", 67.0, "y")]
    decision = policy.decide(found(bot, "what is her2"), ranked, State())
    assert decision.action == "clarify" and decision.options == ("her2", "her2_low")
    assert "margin" in decision.reason
    ranked = [Candidate("her2", 70.0, "x"), Candidate("her2_low", 60.0, "y")]
    assert Policy(bot.content, threshold=40, margin=5).decide(found(bot, "what is her2"), ranked, State()).action == "answer"


def test_drug_intent_without_drug_uses_context_or_asks(bot):
    policy = Policy(bot.content)
    ranked = [Candidate("drug_how_given", 90.0, "how is it given")]
    with_context = policy.decide(found(bot, "how is it given"), ranked, State(drug="tucatinib"))
    assert with_context.action == "answer" and with_context.slots["drug"] == "tucatinib"
    without = policy.decide(found(bot, "how is it given"), ranked, State())
    assert without.action == "ask_drug"
