"""Reading grade (bot/quality/readability.py): what is graded, and how `her2bot check`
reports answers that are too hard."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core import Bot
from bot.quality.readability import MAX_ANY, MAX_MEAN, Grader, answer_grades, check_readability


@pytest.fixture(scope="module")
def grader(bot):
    return Grader(bot.content)


def test_disclaimer_is_not_graded(bot, grader):
    reply = bot.conversation().ask("what is her2")
    assert bot.disclaimer in reply.text
    prepared = grader.prepare(reply.text)
    assert "education only" not in prepared
    assert prepared.startswith("Term is a protein")


@pytest.mark.parametrize(
    "name",
    ["ado-trastuzumab emtansine", "Ado-trastuzumab emtansine", "fam-trastuzumab deruxtecan", "Kadcyla",
     "Herceptin Hylecta", "tucatinib", "A-doh-tras-TOO-zoo-mab em-TAN-seen"],
)
def test_every_drug_name_form_becomes_one_placeholder(grader, name):
    assert grader.prepare(f"You may get {name} soon.") == "You may get Drugname soon."


def test_kind_names_and_her2_terms_become_term(grader):
    text = "Tukysa is a tyrosine-kinase inhibitor for HER2-positive cancer. HER2-targeted drugs attach to HER2."
    assert grader.prepare(text) == "Drugname is a Term for Term cancer. Term drugs attach to Term."


def test_ordinary_hard_words_still_count(grader):
    text = "Metastatic cancer can pass the blood-brain barrier after chemotherapy."
    assert grader.prepare(text) == text


def test_a_name_with_its_brands_and_a_list_of_names_count_as_one(grader):
    text = "These are pills: tucatinib (Tukysa), neratinib (Nerlynx) and lapatinib (Tykerb)."
    assert grader.prepare(text) == "These are pills: Drugnames."
    assert grader.prepare("Ask about trastuzumab (Herceptin and Herceptin Hylecta).") == "Ask about Drugname."


def test_contact_details_are_not_sentences(grader):
    text = "You can call Susan G. Komen at 1-877 GO KOMEN (1-877-465-6636) or visit mbc.komen.org."
    assert grader.prepare(text) == "You can call Komen at Phone or visit Website."


def test_each_list_line_is_a_sentence(grader):
    text = "Questions to ask:\n1. What are my options\n2. Is there a trial I could join?\n- What is HER2-low?"
    assert grader.prepare(text) == "Questions to ask. What are my options. Is there a trial I could join? What is Term?"


def test_longer_words_and_sentences_grade_higher(grader):
    easy = grader.grade("The drug is a pill. You take it by mouth.")
    hard = grader.grade("The medication is administered orally as a tablet, and its pharmacokinetic "
                        "characteristics necessitate consistent administration relative to meals.")
    assert easy < 4 < 10 < hard


def test_names_do_not_change_the_grade(grader):
    assert grader.grade("Ado-trastuzumab emtansine (Kadcyla) is given through a vein.") == grader.grade(
        "Tukysa is given through a vein.")


def test_every_answer_is_graded_hardest_first(bot):
    grades = answer_grades(bot)
    assert len(grades) == sum(1 for _ in bot.render.all_answers())
    assert [g.grade for g in grades] == sorted((g.grade for g in grades), reverse=True)


def test_shipped_content_reads_at_grade_8_or_below(bot):
    report = check_readability(bot)
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert any("reading grade" in line and "mean" in line for line in report.info)


def test_a_hard_answer_is_a_problem_naming_its_file_and_line(bot):
    topics = dict(bot.content.topics)
    topics["cure"] = replace(
        topics["cure"],
        answer="Notwithstanding considerable therapeutic advancements, metastatic malignancies "
               "unfortunately remain fundamentally incurable, although multidisciplinary interventions "
               "substantially prolong survival while preserving functional independence.",
    )
    hard = Bot(replace(bot.content, topics=topics))
    report = check_readability(hard)
    (problem,) = [p for p in report.problems if "topic:cure" in p.message]
    assert problem.file == "knowledge/topics.yaml"
    lines = (Path(hard.content.root) / problem.file).read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "- id: cure"
    assert f"(limit {MAX_ANY:g})" in problem.message


def test_limits_are_the_ones_issue_5_sets():
    """Guard against quietly relaxing the plain-language rule."""
    assert (MAX_MEAN, MAX_ANY) == (8.0, 10.0)
