"""The fact table: key facts of the fact sheet, per drug, as the sheet's table
states them (docs/content.md grounding rule 4 for merged cells). A content edit that drops or
changes one of these facts fails here, both in the structured knowledge and
in the answers the bot gives."""

from __future__ import annotations

import pytest

# drug id: (kind, routes, brands, listed side effects, reaches brain, HER2-low, used after)
SHEET = {
    "trastuzumab": ("antibody", {"iv", "under_skin"}, {"Herceptin", "Herceptin Hylecta"},
                    {"heart_problems", "headache", "fever_chills"}, False, False, set()),
    "pertuzumab": ("antibody", {"iv", "under_skin"}, {"Perjeta", "Phesgo"},
                   {"heart_problems", "diarrhea", "nausea", "fatigue", "rash"}, False, False, set()),
    "margetuximab": ("antibody", {"iv"}, {"Margenza"},
                     {"heart_problems", "fatigue", "headache", "fever_chills"}, False, False, {"two_her2"}),
    "ado-trastuzumab-emtansine": ("adc", {"iv"}, {"Kadcyla"},
                                  {"heart_problems", "liver_problems", "nausea", "fatigue", "muscle_joint_pain", "low_platelets"},
                                  False, False, {"trastuzumab_taxane"}),
    "trastuzumab-deruxtecan": ("adc", {"iv"}, {"Enhertu"},
                               {"heart_problems", "lung_problems", "low_white_cells", "anemia", "nausea", "fatigue"},
                               False, True, {"two_her2"}),
    "tucatinib": ("tki", {"pill"}, {"Tukysa"}, {"diarrhea", "nausea", "vomiting", "fatigue", "liver_problems"}, True, False, set()),
    "neratinib": ("tki", {"pill"}, {"Nerlynx"}, {"diarrhea", "nausea", "vomiting", "fatigue", "liver_problems"}, True, False, set()),
    "lapatinib": ("tki", {"pill"}, {"Tykerb"}, {"diarrhea", "nausea", "vomiting", "fatigue", "liver_problems"}, True, False, set()),
}
CONTAINS_TRASTUZUMAB = {"ado-trastuzumab-emtansine", "trastuzumab-deruxtecan"}
PRONUNCIATION = {
    "trastuzumab": "tras-TOO-zoo-mab", "pertuzumab": "per-TOO-zoo-mab", "margetuximab": "MAR-jeh-TUK-sih-mab",
    "ado-trastuzumab-emtansine": "A-doh-tras-TOO-zoo-mab em-TAN-seen",
    "trastuzumab-deruxtecan": "fam-tras-TOO-zoo-mab DEH-rux-TEE-kan",
    "tucatinib": "too-KA-tih-nib", "neratinib": "neh-RA-tih-nib", "lapatinib": "luh-PA-tih-nib",
}


@pytest.mark.parametrize("drug_id", sorted(SHEET))
def test_structured_facts_match_the_sheet(bot, drug_id):
    kind, routes, brands, effects, brain, her2_low, after = SHEET[drug_id]
    drug = bot.content.drug_by_id[drug_id]
    assert drug.kind == kind
    assert set(drug.routes) == routes
    assert set(drug.brand_names) == brands
    assert set(drug.side_effect_ids) == effects
    assert drug.reaches_brain is brain
    assert drug.her2_low is her2_low
    assert set(drug.used_after) == after
    assert drug.contains_trastuzumab is (drug_id in CONTAINS_TRASTUZUMAB)
    assert drug.pronunciation == PRONUNCIATION[drug_id]


def test_monitoring_footnotes_follow_their_side_effects(bot):
    effects = bot.content.side_effects
    assert effects["heart_problems"].monitoring == "heart"
    assert effects["liver_problems"].monitoring == "liver"
    assert effects["lung_problems"].monitoring == "breathing"


def test_pertuzumab_is_never_said_to_contain_trastuzumab(bot):
    """Grounding rule 4 (docs/content.md): the heart-problem note refers to Phesgo and co-use."""
    perjeta = bot.content.drug_by_id["pertuzumab"]
    assert perjeta.contains_trastuzumab is False
    assert perjeta.given_with == ("trastuzumab",)
    reply = bot.conversation().ask("does perjeta cause heart problems")
    assert "Phesgo contains trastuzumab" in reply.text
    assert "pertuzumab contains trastuzumab" not in reply.text.lower()
    assert "perjeta contains trastuzumab" not in reply.text.lower()


@pytest.mark.parametrize(
    "question, must_say",
    [
        ("does enhertu affect the lungs", ["lung problems", "breathing problems"]),
        ("how is enhertu given", ["IV"]),
        ("when is enhertu used", ["HER2-low", "2 or more HER2-targeted therapies"]),
        ("what are the side effects of kadcyla", ["liver problems", "low platelet counts", "heart problems"]),
        ("when is kadcyla used", ["trastuzumab and a taxane-based chemotherapy"]),
        ("how is tukysa given", ["pill"]),
        ("what are the side effects of nerlynx", ["diarrhea", "nausea", "vomiting", "fatigue", "rare"]),
        ("which drugs can reach the brain", ["Tukysa", "Nerlynx", "Tykerb", "blood-brain barrier"]),
        ("which drugs are pills", ["Tukysa", "Nerlynx", "Tykerb"]),
        ("what is phesgo", ["under the skin", "trastuzumab"]),
        ("when is margenza used", ["2 or more HER2-targeted therapies", "at least 1"]),
        ("what are the side effects of herceptin", ["heart problems", "headache", "fever and chills"]),
        ("is there a biosimilar for herceptin", ["only breast cancer drug", "FDA"]),
        ("what is her2 positive", ["10 to 20 percent", "high amounts"]),
        ("where does metastatic breast cancer spread", ["bones", "lungs", "liver", "brain"]),
        ("can metastatic breast cancer be cured", ["can't be cured today", "can be treated", "live longer", "quality of life"]),
    ],
)
def test_answers_carry_the_sheet_facts(bot, question, must_say):
    reply = bot.conversation().ask(question)
    assert not reply.fallback, reply.text
    for fact in must_say:
        assert fact.lower() in reply.text.lower(), f"{question!r}: missing {fact!r} in {reply.text!r}"


def test_helpline_and_disclaimer_text(bot):
    h = bot.content.helpline
    assert (h.organisation, h.phone_words, h.phone, h.web) == ("Susan G. Komen", "1-877 GO KOMEN", "1-877-465-6636", "mbc.komen.org")
    d = bot.content.disclaimer.lower()
    assert "education" in d and "does not cover everything" in d and "doctor" in d
