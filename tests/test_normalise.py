"""Stage 1: normalisation of user text."""

import pytest

from bot.understand.normalise import normalise, truncate


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("HER2", "her2"), ("her 2", "her2"), ("HER-2", "her2"), ("Her2/neu", "her2"),
        ("her2+", "her2 positive"), ("HER2 +", "her2 positive"), ("HER-2+ cancer?", "her2 positive cancer"),
        ("her2 low", "her2 low"), ("HER2-low", "her2 low"), ("her 2-low", "her2 low"),
        ("HER2-positive", "her2 positive"), ("her2 pos", "her2 positive"), ("HER2-negative", "her2 negative"),
        ("T-DM1", "tdm1"), ("t dm1", "tdm1"), ("tdm-1", "tdm1"), ("T-DM-1", "tdm1"), ("T-DXd", "tdxd"),
        ("I can\u2019t breathe", "i cant breathe"), ("what's HER2?", "what is her2"),
        ("ＥＮＨＥＲＴＵ", "enhertu"),  # full-width letters (NFKC)
        ("Enhertu\u00ae   lungs!!", "enhertu lungs"),
        ("stage IV", "stage 4"), ("10-20%", "10 20 percent"),
        ("line1\nline2\ttab\x00null", "line1 line2 tab null"),
        ("", ""), ("   ?!  ", ""),
        ("I do not want to live", "i dont want to live"), ("she DOES NOT know", "she doesnt know"),
        ("I cannot breathe", "i cant breathe"), ("can not breathe", "cant breathe"),
        ("she is not making sense", "she is not making sense"),  # only do/does/did/can are joined
        ("weed + enhertu?", "weed plus enhertu"), ("tukysa+xeloda", "tukysa plus xeloda"),
        ("her2+ and 1+1", "her2 positive and 1 1"),  # after HER2 or a number, "+" is no word
        ("We\u2019re fine, we're home. Were you?", "we are fine we are home were you"),  # "we're" is no "were"
        # a script's vowel signs and marks belong to its words: "कभी" is one word, not "कभ"
        ("कभी कभी लगता है।", "कभी कभी लगता है"), ("أَنا مُتعَب!", "أَنا مُتعَب"), ("தலைவலி?", "தலைவலி"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_casefold_handles_non_ascii():
    assert normalise("STRASSE ß") == "strasse ss"


def test_truncate_cuts_and_says_so():
    assert truncate("abc", 5) == ("abc", False)
    assert truncate("abcdef", 5) == ("abcde", True)
