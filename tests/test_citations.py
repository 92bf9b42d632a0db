"""Citations and reply ids through the Bot API: every answer names where on
the fact sheet its facts are, in words a person can find; fallbacks and
safety replies that state no sheet fact cite nothing; nothing is quoted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot import Bot
from bot.answer.citations import TABLE, Citer
from bot.reply import REPLY_ID_PATTERN

REPO = Path(__file__).resolve().parents[1]
SHEET = (REPO / "tests" / "fixtures" / "komen-her2-targeted-therapies.txt").read_text(encoding="utf-8")
QUESTIONS = [item["q"] for item in yaml.safe_load((REPO / "tests" / "eval" / "questions.yaml").read_text())["questions"]]
SHEET_ENTRIES = ("drug:", "topic:", "kind:", "monitoring:", "lookup:")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


SHEET_RUNS = {tuple(words(SHEET)[i:i + 7]) for i in range(len(words(SHEET)) - 6)}


def test_how_a_drug_is_given_cites_its_table_cell(bot: Bot):
    reply, _ = bot.respond("how is enhertu given?")
    assert [c.to_dict() for c in reply.citations] == [
        {"section": "HER2-targeted therapy drugs for MBC (table)", "detail": "Enhertu — Brand name and (how given)"}]


def test_side_effects_cite_the_column_and_each_footnote_used(bot: Bot):
    reply, _ = bot.respond("what are the side effects of enhertu")
    details = [c.detail for c in reply.citations]
    assert details[0] == "Enhertu — Some possible side effects"
    # The answer mentions heart and breathing checks: the footnotes * and ***.
    assert "Footnote *" in details and "Footnote ***" in details and "Footnote **" not in details
    assert {c.section for c in reply.citations} == {TABLE}


def test_a_look_up_cites_one_column_for_all_its_drugs(bot: Bot):
    reply, _ = bot.respond("which drugs are pills?")
    assert len(reply.citations) == 1
    cited = reply.citations[0]
    assert cited.section == TABLE and cited.detail.endswith("Brand name and (how given)")
    for drug in reply.sources:
        brand = bot.content.drug_by_id[drug.removeprefix("drug:")].brand_names[0]
        assert brand in cited.detail


def test_a_topic_cites_its_section(bot: Bot):
    reply, _ = bot.respond("what is her2 low")
    topic = bot.content.topics["her2_low"]
    assert [c.section for c in reply.citations] == [topic.section]


@pytest.mark.parametrize("message", [
    "what is the capital of peru",          # fallback
    "how much does enhertu cost",           # out of scope: can't answer
    "i want to kill myself",                # crisis
    "i cant breathe",                       # emergency
    "should i stop taking enhertu",         # a decision for the care team
])
def test_no_citation_without_a_sheet_fact(bot: Bot, message: str):
    reply, _ = bot.respond(message)
    assert reply.citations == ()


def test_every_answer_from_the_sheet_is_cited_and_nothing_is_quoted(bot: Bot):
    cited = 0
    for question in QUESTIONS:
        reply, _ = bot.respond(question)
        if reply.fallback:
            assert reply.citations == (), question
            continue
        if any(s.startswith(SHEET_ENTRIES) for s in reply.sources):
            assert reply.citations, f"{question!r} ({reply.intent}) has sources {reply.sources} but no citation"
            cited += 1
        for citation in reply.citations:
            assert citation.section and citation.detail
            assert len(words(citation.section)) <= 8, f"a section is a heading's name, not a sentence: {citation}"
            text = words(citation.detail)
            runs = {tuple(text[i:i + 7]) for i in range(len(text) - 6)}
            assert not runs & SHEET_RUNS, f"citation quotes the sheet: {citation}"
    assert cited > len(QUESTIONS) // 2


def test_any_kind_of_source_id_is_cited_from_the_content(bot: Bot):
    """New answer kinds name their sources the same way and need no new code."""
    citer = Citer(bot.content)
    enhertu = citer.cite(["drug:trastuzumab-deruxtecan:used_for"])
    assert [c.detail for c in enhertu] == ["Enhertu — When treatment is used"]
    assert citer.cite(["monitoring:liver"])[0].detail == "Footnote **"
    assert citer.cite(["side_effect:lung_problems"])[0].detail == "Some possible side effects — lung problems"
    assert citer.cite(["situation:two_her2"])[0].detail.startswith("When treatment is used")
    assert [c.detail for c in citer.cite(["lookup:pills"])] == ["Brand name and (how given)"]
    assert citer.cite(["topic:biosimilars"])[0].section == "Biosimilars"
    # Not sheet facts: fixed replies, contact details, unknown ids, side effects the sheet doesn't list.
    for source in ("safety:emergency", "chitchat:greeting", "helpline", "topic:no_such_topic", "mystery:x",
                   "side_effect:hair_loss"):
        assert citer.cite([source]) == (), source
    assert citer.cite(["topic:biosimilars"], fallback=True) == ()


def test_every_reply_has_an_id_that_names_its_turn(bot: Bot):
    chat = bot.conversation()
    first = chat.ask("what is kadcyla")
    second = chat.ask("how is it given")
    assert re.fullmatch(REPLY_ID_PATTERN.strip("^$"), first.reply_id)
    assert first.reply_id.startswith("1-") and second.reply_id.startswith("2-")
    # Bot.respond stays a pure function: the same message in the same state, the same id.
    again, _ = bot.respond("what is kadcyla")
    assert again == first and again.reply_id == first.reply_id
    other, _ = bot.respond("what is enhertu")
    assert other.reply_id != first.reply_id
