"""Stage 2: entity recognition over the shipped alias tables."""

import pytest

from bot.understand.normalise import normalise


def ents(bot, text):
    found = bot.entities.find(normalise(text))
    return {(e.type, e.value) for e in found.entities}


@pytest.mark.parametrize(
    "text, drug",
    [
        ("herceptin", "trastuzumab"), ("Herceptin Hylecta", "trastuzumab"), ("herceptn", "trastuzumab"),
        ("trastuzumab", "trastuzumab"), ("perjeta", "pertuzumab"), ("phesgo", "pertuzumab"),
        ("margenza", "margetuximab"), ("kadcyla", "ado-trastuzumab-emtansine"), ("T-DM1", "ado-trastuzumab-emtansine"),
        ("tdm1", "ado-trastuzumab-emtansine"), ("t dm-1", "ado-trastuzumab-emtansine"),
        ("ado-trastuzumab emtansine", "ado-trastuzumab-emtansine"), ("enhertu", "trastuzumab-deruxtecan"),
        ("enhurtu", "trastuzumab-deruxtecan"), ("T-DXd", "trastuzumab-deruxtecan"),
        ("fam-trastuzumab deruxtecan", "trastuzumab-deruxtecan"), ("trastuzumab deruxtecan", "trastuzumab-deruxtecan"),
        ("tukysa", "tucatinib"), ("tucatinib", "tucatinib"), ("nerlynx", "neratinib"), ("neratinib", "neratinib"),
        ("tykerb", "lapatinib"), ("lapatinib", "lapatinib"),
        # typos within edit distance 2, not listed as aliases
        ("lapatinb", "lapatinib"), ("tucatinb", "tucatinib"), ("neratinbi", "neratinib"), ("enhertuu", "trastuzumab-deruxtecan"),
        ("kadcylaa", "ado-trastuzumab-emtansine"), ("pertuzumabb", "pertuzumab"), ("margetuxima", "margetuximab"),
    ],
)
def test_drug_names_brands_abbreviations_and_typos(bot, text, drug):
    assert ("drug", drug) in ents(bot, f"what about {text} please")


def test_longest_name_wins(bot):
    found = bot.entities.find(normalise("is trastuzumab deruxtecan the same as trastuzumab"))
    assert [e.value for e in found.entities if e.type == "drug"] == ["trastuzumab-deruxtecan", "trastuzumab"]


@pytest.mark.parametrize(
    "word",
    ["entire", "never", "general", "nearly", "thanks", "treatment", "together", "partner", "therapy", "tablet", "weather", "lately"],
)
def test_ordinary_words_are_not_drugs(bot, word):
    assert not any(t == "drug" for t, _ in ents(bot, f"{word} {word}"))


@pytest.mark.parametrize(
    "text, effect",
    [
        ("lungs", "lung_problems"), ("breathing", "lung_problems"), ("heart", "heart_problems"),
        ("liver", "liver_problems"), ("platelets", "low_platelets"), ("white count", "low_white_cells"),
        ("diarrhea", "diarrhea"), ("diarrhoea", "diarrhea"), ("throwing up", "vomiting"), ("tired", "fatigue"),
        ("hair loss", "hair_loss"), ("muscle pain", "muscle_joint_pain"), ("chills", "fever_chills"),
    ],
)
def test_side_effects_and_body_parts(bot, text, effect):
    assert ("side_effect", effect) in ents(bot, f"does it affect {text}")


@pytest.mark.parametrize(
    "text, route", [("pill", "pill"), ("by mouth", "pill"), ("IV", "iv"), ("infusion", "iv"), ("shot", "under_skin"),
                    ("under the skin", "under_skin"), ("subq", "under_skin")],
)
def test_how_given_terms(bot, text, route):
    assert ("route", route) in ents(bot, f"is it a {text}")


def test_under_the_skin_is_a_route_not_skin_changes(bot):
    assert ents(bot, "given under the skin") == {("route", "under_skin")}


@pytest.mark.parametrize("text, status", [("HER2+", "positive"), ("her2 low", "low"), ("HER-2 negative", "negative")])
def test_her2_status(bot, text, status):
    assert ("her2_status", status) in ents(bot, f"my cancer is {text}")


def test_masking_replaces_drugs_and_side_effects(bot):
    found = bot.entities.find(normalise("Does Enhertu affect lungs?"))
    assert found.masked == "does @drug affect @side_effect"


def test_a_rarer_real_word_is_no_side_effect_misspelt(bot):
    # stop 37: "bleach" was read as "breath" (lung problems), "exhausting" as a side effect
    for text in ("what happens if a child swallows bleach", "this is so hard. watching my mom go through this is exhausting"):
        found = bot.entities.find(normalise(text))
        assert not [e for e in found.entities if e.type == "side_effect"], found.entities
    assert [e.value for e in bot.entities.find("does enhurtu cause nausea").entities if e.type == "drug"]
