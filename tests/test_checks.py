"""`her2bot check`: each check finds a mistake planted in a copy of the content,
and names every place involved as FILE:LINE; `--strict` and the baseline of
accepted warnings decide what fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main

REPO = Path(__file__).resolve().parent.parent
BASELINE = "check-baseline.txt"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of the content, its conversation tests and its baseline."""
    for folder in ("knowledge", "intents", "tests/conversations"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    if (REPO / BASELINE).exists():
        shutil.copy(REPO / BASELINE, tmp_path / BASELINE)
    return tmp_path


def check(capsys, folder: Path | None, *flags: str) -> tuple[int, str, str]:
    argv = ["check", *flags] + (["--content", str(folder)] if folder else [])
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_example(path: Path, intent: str, example: str) -> int:
    """Add an example phrasing after the last one of an intent; return its line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {intent}\n")
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("  - id: ")), len(lines))
    last = max(n for n in range(start, end) if lines[n].startswith("      - "))
    lines.insert(last + 1, f"      - {example}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return last + 2


def line_no(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def lines_naming(out: str, *places: str) -> list[str]:
    """Output lines that name every one of the places (FILE:LINE)."""
    return [line for line in out.splitlines() if all(re.search(rf"(^|[\s(]){re.escape(p)}\b", line) for p in places)]


# ------------------------------------------------------------ shipped content


def test_shipped_content_passes_strict_with_its_baseline(capsys):
    code, out, err = check(capsys, None, "--strict")
    assert code == 0, out + err
    assert "warning:" not in out
    assert re.search(r"baseline .*check-baseline\.txt: \d+ accepted warning", out)


# ------------------------------------------------------------ 1. name clashes


@pytest.mark.parametrize(("file", "old", "new", "needle", "owner_file", "owner_needle", "words"), [
    # a drug's alias that is another drug's brand
    ("knowledge/drugs.yaml", "aliases: [herceptin hylecta, hylecta,", "aliases: [herceptin hylecta, hylecta, kadcyla,",
     "hylecta, kadcyla,", "knowledge/drugs.yaml", "- name: Kadcyla",
     ("drug 'trastuzumab'", "drug 'ado-trastuzumab-emtansine'")),
    # a drug brand used as a side-effect alias
    ("knowledge/terms.yaml", "aliases: [headaches, head ache,", "aliases: [headaches, Tukysa, head ache,",
     "Tukysa, head ache", "knowledge/drugs.yaml", "- name: Tukysa", ("side effect 'headache'", "drug 'tucatinib'")),
    # an abbreviation claimed by two drugs, written differently
    ("knowledge/drugs.yaml", "aliases: [tucatanib,", "aliases: [T-DM-1, tucatanib,",
     "[T-DM-1, tucatanib", "knowledge/drugs.yaml", "aliases: [tdm1, t-dm1,", ("drug 'tucatinib'", "drug 'ado-trastuzumab-emtansine'")),
    # a side effect named like a route
    ("knowledge/terms.yaml", "aliases: [rashes, skin rash,", "aliases: [rashes, infusion, skin rash,",
     "rashes, infusion,", "knowledge/terms.yaml", "aliases: [iv, i v, intravenous", ("side effect 'rash'", "route 'iv'")),
])
def test_a_name_claimed_twice_is_an_error_naming_both_places(capsys, copy, file, old, new, needle, owner_file, owner_needle, words):
    edit(copy / file, old, new)
    planted = f"{file}:{line_no(copy / file, needle)}"
    owner = f"{owner_file}:{line_no(copy / owner_file, owner_needle)}"
    code, out, _ = check(capsys, copy)
    assert code == 1
    (line,) = lines_naming(out, planted, owner)
    assert "name clash" in line and all(w in line for w in words), line


def test_a_clash_with_a_built_in_name_points_at_the_code(capsys, copy):
    edit(copy / "knowledge/terms.yaml", "aliases: [rashes, skin rash,", "aliases: [rashes, her2-low, skin rash,")
    planted = f"knowledge/terms.yaml:{line_no(copy / 'knowledge/terms.yaml', 'her2-low')}"
    code, out, _ = check(capsys, copy)
    assert code == 1
    (line,) = [line for line in lines_naming(out, planted) if "name clash" in line]
    assert "her2 status 'low' (built into the bot)" in line
    assert re.search(r"bot/understand/entities\.py:\d+", line)


# ------------------------------------------------------------ 3/4. phrasings


def test_the_same_phrasing_in_two_intents_is_an_error_naming_both(capsys, copy):
    drugs = copy / "intents" / "drugs.yaml"
    planted = add_example(drugs, "drug_how_given", "side effects of {drug} what are they")
    original = line_no(drugs, "      - what are the side effects of {drug}")
    code, out, _ = check(capsys, copy)
    assert code == 1
    (line,) = lines_naming(out, f"intents/drugs.yaml:{planted}", f"intents/drugs.yaml:{original}")
    assert ": duplicate: " in line and "(drug_how_given)" in line and "(drug_side_effects)" in line


def test_a_phrasing_one_typo_from_another_intents_is_an_error_naming_both(capsys, copy):
    drugs = copy / "intents" / "drugs.yaml"
    planted = add_example(drugs, "drug_how_given", "what are the side efects of {drug}")
    original = line_no(drugs, "      - what are the side effects of {drug}")
    code, out, _ = check(capsys, copy)
    assert code == 1
    (line,) = lines_naming(out, f"intents/drugs.yaml:{planted}", f"intents/drugs.yaml:{original}")
    assert ": near-duplicate: " in line and "only by a typo" in line


def test_the_same_phrasing_twice_in_one_intent_is_a_warning_naming_both(capsys, copy):
    drugs = copy / "intents" / "drugs.yaml"
    planted = add_example(drugs, "drug_overview", "what is {drug} please")
    original = _exact_line(drugs, "      - what is {drug}")
    code, out, _ = check(capsys, copy)
    assert code == 0  # warnings alone do not fail without --strict
    (line,) = lines_naming(out, f"intents/drugs.yaml:{planted}", f"intents/drugs.yaml:{original}")
    assert line.startswith("warning: ") and ": repeated: " in line
    strict, out, err = check(capsys, copy, "--strict")
    assert strict == 1 and "1 new warning(s)" in err


def _exact_line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_a_phrasing_nearer_to_another_intent_is_a_collision_naming_both(capsys, copy):
    topics = copy / "intents" / "topics.yaml"
    planted = add_example(topics, "cure", "what are the side effects of {drug} today")
    code, out, _ = check(capsys, copy)
    assert code == 0
    (line,) = lines_naming(out, f"intents/topics.yaml:{planted}")
    assert line.startswith("warning: ") and ": collision: " in line
    assert "(cure) is nearer to drug_side_effects" in line
    assert re.search(r"word similarity \d+ with intents/drugs\.yaml:\d+", line)
    other = int(re.search(r"with intents/drugs\.yaml:(\d+)", line).group(1))
    neighbour = re.search(r"drug_side_effects \('(.*?)'\)", line).group(1)
    assert neighbour in (copy / "intents" / "drugs.yaml").read_text(encoding="utf-8").splitlines()[other - 1]


# ------------------------------------------------------------ 4. coverage


NEW_INTENT = """
  - id: zz_new_intent
    answer: topic:mbc
    examples:
      - what is the zorblat
      - tell me about zorblat
      - zorblat please
      - explain the zorblat
      - zorblat meaning
      - how does zorblat work
      - who makes zorblat
      - is zorblat new
"""


def test_an_intent_with_no_conversation_test_is_reported(capsys, copy):
    topics = copy / "intents" / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8") + NEW_INTENT, encoding="utf-8")
    where = f"intents/topics.yaml:{line_no(topics, '- id: zz_new_intent')}"
    code, out, _ = check(capsys, copy)
    assert code == 0
    (line,) = lines_naming(out, where)
    assert line.startswith("warning: ") and "untested: intent 'zz_new_intent' has no conversation test" in line
    assert "no turn in tests/conversations expects it" in line
    assert check(capsys, copy, "--strict")[0] == 1


def test_coverage_reads_the_conversations_folder_given(capsys, copy, tmp_path):
    empty = tmp_path / "no-tests"
    empty.mkdir()
    (empty / "one.yaml").write_text("conversations:\n  - name: hi\n    turns:\n      - user: hi\n        intent: greeting\n", encoding="utf-8")
    _, out, _ = check(capsys, copy, "--conversations", str(empty))
    untested = [line for line in out.splitlines() if ": untested: " in line]
    assert len(untested) >= 40 and not any("'greeting'" in line for line in untested)


# ------------------------------------------------------------ 4. suggestions


def test_a_suggestion_that_gets_no_answer_is_reported_at_its_line(capsys, copy):
    topics = copy / "knowledge" / "topics.yaml"
    edit(topics, 'suggestions: ["Can metastatic breast cancer be cured?", "What is HER2?"]',
         'suggestions: ["Can metastatic breast cancer be cured?", "What is the weather on Mars?"]')
    where = f"knowledge/topics.yaml:{line_no(topics, 'weather on Mars')}"
    code, out, _ = check(capsys, copy)
    (line,) = lines_naming(out, where)
    assert "suggestion: suggestion 'What is the weather on Mars?' is answered with a fallback, not with an answer" in line
    assert "offered with topic:mbc" in line


def test_a_suggestion_not_answered_with_the_intent_it_stands_for_names_both_places(capsys, copy):
    drugs = copy / "intents" / "drugs.yaml"
    example = add_example(drugs, "drug_how_given", "what dose of {drug} should i take")
    topics = copy / "knowledge" / "topics.yaml"
    edit(topics, 'suggestions: ["Can metastatic breast cancer be cured?", "What is HER2?"]',
         'suggestions: ["Can metastatic breast cancer be cured?", "What dose of Enhertu should I take?"]')
    where = f"knowledge/topics.yaml:{line_no(topics, 'What dose of Enhertu')}"
    _, out, _ = check(capsys, copy)
    (line,) = lines_naming(out, where, f"intents/drugs.yaml:{example}")
    assert "is answered with safety.decision, not with intent drug_how_given" in line


# ------------------------------------------------------------ baseline


def test_the_baseline_accepts_known_warnings_by_content_not_by_line(capsys, copy):
    drugs = copy / "intents" / "drugs.yaml"
    add_example(drugs, "drug_overview", "what is {drug} please")
    assert check(capsys, copy, "--strict")[0] == 1
    code, out, _ = check(capsys, copy, "--update-baseline")
    assert code == 0 and "wrote" in out
    written = (copy / BASELINE).read_text(encoding="utf-8")
    assert "intents/drugs.yaml: repeated: 'what is {drug} please' (drug_overview)" in written
    assert not re.search(r"\.yaml:\d", written)  # no line numbers
    code, out, err = check(capsys, copy, "--strict")
    assert code == 0, out + err
    assert "warning:" not in out
    # lines move, the warning stays accepted
    drugs.write_text("# a new comment line\n# and another\n" + drugs.read_text(encoding="utf-8"), encoding="utf-8")
    assert check(capsys, copy, "--strict")[0] == 0
    code, out, _ = check(capsys, copy, "--all-warnings")
    assert re.search(r"accepted: intents/drugs\.yaml:\d+: repeated: 'what is \{drug\} please'", out)


def test_a_baseline_line_that_matches_nothing_is_pointed_out(capsys, copy):
    with (copy / BASELINE).open("a", encoding="utf-8") as f:
        f.write("intents/drugs.yaml: repeated: 'a phrasing that is gone' (drug_overview) is the same phrasing as 'x' in the same intent\n")
    code, out, _ = check(capsys, copy, "--strict")
    assert code == 0
    assert "1 line(s) match no warning any more" in out


def test_the_baseline_is_not_written_while_there_are_problems(capsys, copy):
    edit(copy / "knowledge" / "drugs.yaml", "    kind: adc\n", "    kind: adcc\n")
    before = (copy / BASELINE).read_text(encoding="utf-8") if (copy / BASELINE).exists() else None
    code, _, err = check(capsys, copy, "--update-baseline")
    assert code == 1 and "the baseline was not written" in err
    after = (copy / BASELINE).read_text(encoding="utf-8") if (copy / BASELINE).exists() else None
    assert after == before


def test_a_phrase_written_inside_a_choice_is_a_warning_naming_the_concept(capsys, copy):
    # 'she is' inside a choice reads as two positions: a slip made more than once
    concepts = copy / "intents" / "concepts.yaml"
    edit(concepts, "terms: [now, right now,", "terms: [when im|she is|he is cold, now, right now,")
    code, out, _ = check(capsys, copy)
    assert code == 0
    (line,) = [l for l in out.splitlines() if "choice-words" in l]
    assert line.startswith("warning: intents/concepts.yaml:") and "when im|she is|he is cold" in line and "'is'" in line
    strict, _, err = check(capsys, copy, "--strict")
    assert strict == 1 and "1 new warning(s)" in err


@pytest.mark.parametrize("term, pair", [
    # an article or "be" offered among words of another sort starts a phrase: met six times
    # in one stop ("someone|a person", "take|be given", "live|be here")
    ("finish someone|a person off", "someone|a person"),
    ("not want to live|be here", "live|be here"),
])
def test_a_phrase_start_inside_a_choice_is_a_warning_naming_the_words(capsys, copy, term, pair):
    concepts = copy / "intents" / "concepts.yaml"
    edit(concepts, "terms: [now, right now,", f"terms: [{term}, now, right now,")
    code, out, _ = check(capsys, copy)
    (line,) = [l for l in out.splitlines() if "choice-words" in l]
    assert code == 0 and line.startswith("warning: intents/concepts.yaml:") and f"'{pair}' reads as a choice" in line


def test_a_choice_of_words_of_one_sort_before_a_word_is_no_warning(capsys, copy):
    concepts = copy / "intents" / "concepts.yaml"
    edit(concepts, "terms: [now, right now,", "terms: [at the|my|a last infusion, is|being|be sick, now, right now,")
    _, out, _ = check(capsys, copy)
    assert not [l for l in out.splitlines() if "choice-words" in l]


@pytest.mark.parametrize("old, new, key", [
    ("Please call or text 988 now, or\n    call 911 if someone is in danger.", "Please reach out for help now.", "crisis"),
    ("danger right now, call 911. If", "danger right now, get help. If", "fallback_other_language"),
])
def test_a_reply_whose_text_lost_a_number_it_offers_to_call_is_an_error_at_its_line(capsys, copy, old, new, key):
    """The widget and the webhook offer 988 / 911 as tap-to-call links where the reply
    gives them: an edit that drops a number from the text must not leave a silent link."""
    responses = copy / "knowledge" / "responses.yaml"
    edit(responses, old, new)
    where = f"knowledge/responses.yaml:{line_no(responses, f'{key}:')}"
    code, out, _ = check(capsys, copy)
    (line,) = [line for line in lines_naming(out, where) if "tap-to-call" in line]
    assert code == 1 and "but its text does not give that number" in line
