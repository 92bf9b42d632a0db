"""Content loading and validation: the shipped content loads, and each class of
mistake an editor can make is reported with file, line and what is wrong."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import ContentError, check_content, load_content

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped content that a test may break."""
    for folder in ("knowledge", "intents"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_no(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems_of(root: Path) -> list[str]:
    content, problems = check_content(root)
    assert content is None, "broken content must not load"
    return [str(p) for p in problems]


def test_shipped_content_loads_cleanly():
    content, problems = check_content(REPO)
    assert problems == []
    assert content is not None
    assert len(content.drugs) == 8
    assert {d.id for d in content.drugs} == {
        "trastuzumab", "pertuzumab", "margetuximab", "ado-trastuzumab-emtansine",
        "trastuzumab-deruxtecan", "tucatinib", "neratinib", "lapatinib",
    }


def test_every_intent_has_at_least_eight_examples():
    content = load_content(REPO)
    short = {i.id: len(i.examples) for i in content.intents if len(i.examples) < 8}
    assert short == {}


def test_every_knowledge_entry_names_its_source_section():
    content = load_content(REPO)
    entries = [*content.drugs, *content.topics.values(), *content.kinds.values(), *content.monitoring.values()]
    assert all(e.section.strip() for e in entries)


def test_yaml_syntax_error_names_file_and_line(content_copy: Path):
    path = content_copy / "knowledge" / "topics.yaml"
    edit(path, "  - id: biosimilars\n", "  - id: [biosimilars\n")
    expected_line = line_no(path, "id: [biosimilars")
    problems = problems_of(content_copy)
    assert len(problems) == 1
    file_line, message = problems[0].split(": ", 1)
    assert file_line.startswith("knowledge/topics.yaml:")
    # the parser reports at or just after the broken line
    assert expected_line <= int(file_line.split(":")[1]) <= expected_line + 2
    assert "YAML syntax error" in message


def test_unknown_key_is_reported_with_line(content_copy: Path):
    path = content_copy / "knowledge" / "drugs.yaml"
    edit(path, "    pronunciation: too-KA-tih-nib\n", "    pronunciation: too-KA-tih-nib\n    dose: 300 mg\n")
    line = line_no(path, "dose: 300 mg")
    problems = problems_of(content_copy)
    assert f"knowledge/drugs.yaml:{line}: unknown key 'dose'" in "\n".join(problems)


def test_missing_required_field_is_reported(content_copy: Path):
    path = content_copy / "knowledge" / "drugs.yaml"
    edit(path, "    pronunciation: neh-RA-tih-nib\n", "")
    line = line_no(path, "- id: neratinib")
    problems = problems_of(content_copy)
    assert any(
        p.startswith(f"knowledge/drugs.yaml:{line}:") and "missing required field 'pronunciation'" in p for p in problems
    ), problems


def test_wrong_type_is_reported(content_copy: Path):
    path = content_copy / "knowledge" / "drugs.yaml"
    edit(path, "    reaches_brain: true\n    her2_low: false\n    used_after: []\n    section: \"Table, Tyrosine-kinase inhibitors: Neratinib",
         "    reaches_brain: sometimes\n    her2_low: false\n    used_after: []\n    section: \"Table, Tyrosine-kinase inhibitors: Neratinib")
    line = line_no(path, "reaches_brain: sometimes")
    problems = problems_of(content_copy)
    assert any(p.startswith(f"knowledge/drugs.yaml:{line}:") and "must be true or false" in p for p in problems), problems


def test_duplicate_id_is_reported_with_both_places(content_copy: Path):
    path = content_copy / "knowledge" / "topics.yaml"
    edit(path, "  - id: treatment_goals\n", "  - id: cure\n")
    first = line_no(path, "- id: cure")
    problems = problems_of(content_copy)
    dup = [p for p in problems if "duplicate topic id 'cure'" in p]
    assert len(dup) == 1
    assert f"first at knowledge/topics.yaml:{first}" in dup[0]


def test_duplicate_yaml_key_is_reported(content_copy: Path):
    path = content_copy / "knowledge" / "contact.yaml"
    edit(path, "  phone: 1-877-465-6636\n", "  phone: 1-877-465-6636\n  phone: 1-800-000-0000\n")
    line = line_no(path, "1-800-000-0000")
    assert any(p.startswith(f"knowledge/contact.yaml:{line}:") and "duplicate key 'phone'" in p for p in problems_of(content_copy))


def test_dangling_references_are_reported(content_copy: Path):
    intents = content_copy / "intents" / "topics.yaml"
    edit(intents, "    answer: topic:biosimilars\n", "    answer: topic:generics\n")
    drugs = content_copy / "knowledge" / "drugs.yaml"
    edit(drugs, "    side_effects: [heart_problems, headache, fever_chills]\n", "    side_effects: [heart_problems, headache, hiccups]\n")
    problems = "\n".join(problems_of(content_copy))
    assert f"intents/topics.yaml:{line_no(intents, 'topic:generics')}: intent 'biosimilars' answer refers to unknown topic 'generics'" in problems
    assert f"knowledge/drugs.yaml:{line_no(drugs, 'hiccups')}:" in problems and "unknown side effect 'hiccups'" in problems


def test_per_drug_must_name_an_intent_about_a_drug(content_copy: Path):
    lookups = content_copy / "intents" / "lookups.yaml"
    edit(lookups, "    per_drug: drug_brain\n", "    per_drug: which_pills\n")
    edit(lookups, "    per_drug: drug_kind\n", "    per_drug: drug_nothing\n")
    problems = "\n".join(problems_of(content_copy))
    assert f"intents/lookups.yaml:{line_no(lookups, 'id: which_brain')}: intent 'which_brain': per_drug 'which_pills'" in problems
    assert f"intents/lookups.yaml:{line_no(lookups, 'id: which_adc')}: intent 'which_adc': per_drug 'drug_nothing'" in problems
    assert "(no such intent)" in problems


def test_unknown_drug_attribute_and_placeholder(content_copy: Path):
    path = content_copy / "intents" / "drugs.yaml"
    edit(path, "    answer: drug:pronunciation\n", "    answer: drug:price\n")
    edit(path, "      - how do i say {drug}\n", "      - how do i say {medicine}\n")
    problems = "\n".join(problems_of(content_copy))
    assert f"intents/drugs.yaml:{line_no(path, 'drug:price')}:" in problems and "unknown drug attribute 'price'" in problems
    assert f"intents/drugs.yaml:{line_no(path, '{medicine}')}:" in problems and "unknown placeholder '{medicine}'" in problems


def test_several_problems_are_reported_at_once(content_copy: Path):
    edit(content_copy / "knowledge" / "drugs.yaml", "    pronunciation: luh-PA-tih-nib\n", "    pronunciation: luh-PA-tih-nib\n    price: 1\n")
    edit(content_copy / "knowledge" / "topics.yaml", "    title: Biosimilars\n", "    titel: Biosimilars\n")
    problems = problems_of(content_copy)
    files = {p.split(":")[0] for p in problems}
    assert files == {"knowledge/drugs.yaml", "knowledge/topics.yaml"}
    assert len(problems) >= 3  # unknown 'price', unknown 'titel', missing 'title'


def test_load_content_raises_with_every_problem(content_copy: Path):
    edit(content_copy / "knowledge" / "drugs.yaml", "    kind: tki\n", "    kind: vitamin\n")
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert "unknown kind 'vitamin'" in str(err.value)
    assert "knowledge/drugs.yaml:" in str(err.value)


def test_missing_folder_is_a_clear_problem(tmp_path: Path):
    problems = problems_of(tmp_path)
    assert any("content folder 'knowledge/' not found" in p for p in problems)


def test_bad_regex_in_safety_rules(content_copy: Path):
    path = content_copy / "intents" / "safety.yaml"
    edit(path, "      - \\bwhat year\\b\n", "      - \\bwhat year(\n")
    assert any(p.startswith(f"intents/safety.yaml:{line_no(path, 'what year(')}:") and "not a valid regular expression" in p
               for p in problems_of(content_copy))


@pytest.mark.parametrize("term, says", [
    ("fever .. <n>|high", "can't be one of several choices"),  # the loader once folded '<n>' to the word 'n'
    ("fever .. <103-106>|high", "can't be one of several choices"),
    ("fever .. <106-103>", "from the smaller number to the larger"),
    ("breath* ..", "must stand between two words"),
    ("chest|", "empty choice"),
])
def test_a_bad_concept_term_names_its_line(content_copy: Path, term, says):
    path = content_copy / "intents" / "concepts.yaml"
    edit(path, "terms: [now, right now,", f"terms: [{term}, now, right now,")
    line = line_no(path, term)
    assert any(p.startswith(f"intents/concepts.yaml:{line}:") and says in p for p in problems_of(content_copy))


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=60, **kw)


def test_check_command_passes_on_shipped_content():
    result = run_cli("check", "--content", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout


def test_check_command_fails_with_file_and_line(content_copy: Path):
    path = content_copy / "knowledge" / "drugs.yaml"
    edit(path, "    kind: adc\n", "    kind: adcc\n")
    line = line_no(path, "kind: adcc")
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert f"knowledge/drugs.yaml:{line}:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_content_env_var_points_at_another_folder(content_copy: Path):
    edit(content_copy / "knowledge" / "responses.yaml", "  greeting: >-\n    Hello!", "  greeting: >-\n    Howdy partner!")
    import os
    env = {**os.environ, "HER2BOT_CONTENT": str(content_copy)}
    result = run_cli("ask", "hello", env=env)
    assert result.returncode == 0
    assert "Howdy partner!" in result.stdout


def test_broken_content_stops_ask_with_a_clear_message(content_copy: Path):
    edit(content_copy / "knowledge" / "drugs.yaml", "    kind: adc\n", "    kind: adcc\n")
    result = run_cli("--content", str(content_copy), "ask", "hi")
    assert result.returncode == 2
    assert "unknown kind 'adcc'" in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------- messages people understand


def test_encoding_error_names_the_line_of_the_first_bad_byte(content_copy: Path):
    path = content_copy / "knowledge" / "topics.yaml"
    line = line_no(path, "- id: biosimilars")
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b"biosimilars", b"biosimil\xe9rs")  # Latin-1, not UTF-8
    path.write_bytes(b"\n".join(lines))
    problems = problems_of(content_copy)
    assert len(problems) == 1
    assert problems[0].startswith(f"knowledge/topics.yaml:{line}: file is not valid UTF-8: byte 0xE9 at column 17")


def test_a_control_character_names_its_line(content_copy: Path):
    path = content_copy / "knowledge" / "topics.yaml"
    edit(path, "    title: Biosimilars\n", "    title: Bio\x07similars\n")
    line = line_no(path, "Bio\x07similars")
    problems = problems_of(content_copy)
    assert problems == [f"knowledge/topics.yaml:{line}: character U+0007 at column 15 is not allowed in YAML "
                        "(a control or special character, often pasted in by accident): delete it"]


@pytest.mark.parametrize(("old", "new", "needle", "where"), [
    ("    title: Biosimilars\n", '    title: ""\n', 'title: ""', "'title'"),
    ("      - It is used to treat HER2-positive metastatic breast cancer.\n    side_effects: [heart_problems, headache",
     '      - "  "\n    side_effects: [heart_problems, headache', '- "  "', "'used_for' item 1"),
])
def test_empty_text_says_it_is_empty_not_got_text(content_copy: Path, old, new, needle, where):
    folder = "topics.yaml" if "title" in old else "drugs.yaml"
    path = content_copy / "knowledge" / folder
    edit(path, old, new)
    line = line_no(path, needle)
    problems = problems_of(content_copy)
    hit = [p for p in problems if p.startswith(f"knowledge/{folder}:{line}:")]
    assert len(hit) == 1 and f"{where} must be non-empty text (it is empty)" in hit[0], problems
    assert "got text" not in "\n".join(problems)


def test_a_content_file_over_the_size_limit_is_refused_before_it_is_read(content_copy: Path):
    from bot.content.loader import MAX_FILE_BYTES

    path = content_copy / "intents" / "huge.yaml"
    path.write_text("intents:\n" + "#" * (MAX_FILE_BYTES * 5 // 2) + "\n", encoding="utf-8")
    problems = problems_of(content_copy)
    assert problems == [f"intents/huge.yaml:1: file is 5.0 MB, more than the {MAX_FILE_BYTES / 1e6:.1f} MB a content "
                        "file may hold: split it into several files in the same folder"]


def test_broken_content_in_a_given_folder_names_that_folder_in_the_hint(content_copy: Path):
    edit(content_copy / "knowledge" / "drugs.yaml", "    kind: adc\n", "    kind: adcc\n")
    given = run_cli("ask", "--content", str(content_copy), "hi")
    assert given.returncode == 2
    assert f"Run `her2bot check --content {content_copy}` for details." in given.stderr
    default = run_cli("ask", "hi", env={**__import__("os").environ, "HER2BOT_CONTENT": str(content_copy)})
    assert default.returncode == 2
    assert "Run `her2bot check` for details." in default.stderr


def test_a_kind_rules_unless_reported_names_known_concepts(content_copy: Path):
    path = content_copy / "intents" / "kinds.yaml"
    edit(path, "    unless_reported: [symptom]\n", "    unless_reported: [symptomz]\n")
    line = line_no(path, "unless_reported: [symptomz]")
    assert any(p.startswith(f"intents/kinds.yaml:{line}:") and "symptomz" in p for p in problems_of(content_copy))


def test_a_kind_rules_opens_names_known_concepts(content_copy: Path):
    path = content_copy / "intents" / "kinds.yaml"
    edit(path, "    opens: [bare_action]\n", "    opens: [bare_actionz]\n")
    line = line_no(path, "opens: [bare_actionz]")
    assert any(p.startswith(f"intents/kinds.yaml:{line}:") and "bare_actionz" in p for p in problems_of(content_copy))


def test_a_kind_rules_weak_flag_must_be_true_or_false(content_copy: Path):
    path = content_copy / "intents" / "kinds.yaml"
    edit(path, "    weak: true\n", "    weak: sometimes\n")
    line = line_no(path, "weak: sometimes")
    assert any(p.startswith(f"intents/kinds.yaml:{line}:") and "weak" in p for p in problems_of(content_copy))


def test_a_number_range_in_a_term_matches_only_the_numbers_in_it():
    from bot.content.terms import match_from, parse_term, position_end

    positions = parse_term("pulse .. <150-220>")

    def matches(text: str) -> bool:
        words = tuple(text.split())
        first_end = position_end(positions[0], words, 0)
        return first_end is not None and match_from(positions, words, first_end) is not None

    assert matches("pulse is 150") and matches("pulse 220") and matches("pulse was about 187")
    assert not matches("pulse 149") and not matches("pulse 221") and not matches("pulse is fast")
