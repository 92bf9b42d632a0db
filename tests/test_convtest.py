"""Conversation tests: the YAML reader, the runner, the pytest plugin (via
pytester) and `her2bot test` (as a real process), plus a check that the
shipped suite in tests/conversations covers every intent and every drug."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from bot import Bot
from bot.quality.convtest import (
    FormatError,
    Turn,
    check_against_bot,
    check_turn,
    load_file,
    run_conversation,
)

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parent.parent
SUITE = REPO / "tests" / "conversations"

# A small file with one passing and one deliberately broken conversation.
# Line numbers matter: the broken turn ("and kadcyla?") starts on line 15.
GOOD_AND_BROKEN = """\
conversations:
  - name: Kadcyla is an IV drug
    turns:
      - user: what is kadcyla
        intent: drug_overview
      - user: how is it given
        says: IV

  - name: Broken on purpose
    turns:
      - user: does enhertu affect the lungs
        intent: drug_side_effect_check
      - user: what about tukysa
        intent: drug_side_effect_check
      - user: and kadcyla?
        intent: drug_how_given
        says: this text is not in the reply
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def her2bot(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


# ----------------------------------------------------------- reading files


def test_load_file_keeps_order_names_and_lines(tmp_path):
    path = write(tmp_path, "c.yaml", GOOD_AND_BROKEN)
    test_file = load_file(path, "c.yaml")
    assert [c.name for c in test_file.conversations] == ["Kadcyla is an IV drug", "Broken on purpose"]
    assert [c.line for c in test_file.conversations] == [2, 9]
    broken = test_file.conversations[1]
    assert [t.line for t in broken.turns] == [11, 13, 15]
    assert broken.turns[2].says == ("this text is not in the reply",)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("conversations:\n  - name: x\n    turns:\n      - user: hi\n        sayz: hello\n", 5, "unknown key 'sayz'"),
        ("conversations:\n  - name: x\n    turns:\n      - intent: greeting\n", 4, "has no 'user:'"),
        ("conversations:\n  - name: x\n    turns:\n      - user: hi\n        fallback: maybe\n", 5, "'fallback' must be true or false"),
        ("conversations:\n  - name: x\n    turns:\n      - user: hi\n        says: [hello, 3]\n", 5, "'says' must be text or a list"),
        ("conversations:\n  - name: x\n    turns:\n      - user: hi\n        not_says: [yes]\n", 5, "put the text in quotes"),
        ("conversations:\n  - name: x\n    turns:\n      - user: hi\n        matches: 'a(b'\n", 5, "not a valid regular expression"),
        ("conversations:\n  - name: x\n    turns:\n      - user: [hi]\n", 4, "'user' must be text"),
        ("conversations:\n  - name: x\n    turns: []\n", 3, "needs 'turns:'"),
        ("conversations:\n  - turns:\n      - user: hi\n", 2, "needs a 'name:'"),
        ("conversations:\n  - name: x\n    turns:\n      - user: hi\n  - name: x\n    turns:\n      - user: yo\n", 5, "used twice (first at line 2)"),
        ("conversation:\n  - name: x\n", 1, "unknown key 'conversation'"),
        ("conversations:\n  - name: x\n    turns:\n      - user: hi\n      user: oops\n", 5, "YAML syntax error"),
        ("content: no/such/folder\nconversations:\n  - name: x\n    turns:\n      - user: hi\n", 1, "'content' folder not found"),
        ("", 1, "the file is empty"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(FormatError) as err:
        load_file(path, "bad.yaml")
    assert any(p.file == "bad.yaml" and p.line == line and message in p.message for p in err.value.problems), err.value.problems


def test_names_unknown_to_the_content_are_reported_with_a_hint(tmp_path, bot: Bot):
    path = write(tmp_path, "c.yaml", """\
        conversations:
          - name: typos in the expectations
            turns:
              - user: what is kadcyla
                intent: drug_overveiw
              - user: how is it given
                entities: {drug: kadcylla}
        """)
    problems = check_against_bot(load_file(path, "c.yaml"), bot)
    assert [p.line for p in problems] == [5, 7]
    assert "unknown intent 'drug_overveiw' (did you mean drug_overview" in problems[0].message
    assert "unknown drug 'kadcylla'" in problems[1].message
    assert "ado-trastuzumab-emtansine" in problems[1].message  # the hint lists the known ids


def test_drugs_may_be_named_by_brand_in_entities(tmp_path, bot: Bot):
    path = write(tmp_path, "c.yaml", """\
        conversations:
          - name: brand names
            turns:
              - user: how is kadcyla given
                entities: {drug: Kadcyla}
        """)
    test_file = load_file(path, "c.yaml")
    assert check_against_bot(test_file, bot) == []
    assert run_conversation(bot, test_file.conversations[0]).status == "passed"


# ------------------------------------------------------------------ running


def test_runner_stops_at_the_first_failing_turn_with_every_problem(tmp_path, bot: Bot):
    conv = load_file(write(tmp_path, "c.yaml", GOOD_AND_BROKEN), "c.yaml").conversations[1]
    result = run_conversation(bot, conv)
    assert result.status == "failed"
    assert result.failed_at == 2 and len(result.turns) == 3
    problems = result.failed_turn.problems
    assert any(p.startswith("intent: expected drug_how_given, got drug_side_effect_check") for p in problems)
    assert 'says: the reply does not contain "this text is not in the reply"' in problems


def test_says_is_case_and_space_insensitive_and_ignores_the_disclaimer(bot: Bot):
    reply, _ = bot.respond("what is kadcyla")
    assert check_turn(bot, Turn(user="x", line=1, says=("ADO-TRASTUZUMAB   emtansine",)), reply) == []
    # "doctor" is in the disclaimer but not in this answer: `says` must not pass on the disclaimer.
    assert "doctor" in reply.disclaimer.lower()
    assert check_turn(bot, Turn(user="x", line=1, says=("doctor",)), reply) != []
    assert check_turn(bot, Turn(user="x", line=1, not_says=("kadcyla",)), reply) != []
    assert check_turn(bot, Turn(user="x", line=1, matches=(r"^ado-trastuzumab",)), reply) == []


def test_invariants_disclaimer_and_helpline_are_checked_on_every_turn(bot: Bot):
    reply, _ = bot.respond("what is the weather on mars")
    assert reply.fallback and check_turn(bot, Turn(user="x", line=1), reply) == []
    no_disclaimer = replace(reply, text=reply.text.replace(reply.disclaimer, ""))
    assert any("disclaimer" in p for p in check_turn(bot, Turn(user="x", line=1), no_disclaimer))
    no_helpline = replace(reply, text=reply.text.replace("1-877-465-6636", "(phone)"))
    assert any("helpline" in p for p in check_turn(bot, Turn(user="x", line=1), no_helpline))


def test_xfail_turn_that_fails_is_xfailed_and_one_that_passes_fails(tmp_path, bot: Bot):
    path = write(tmp_path, "c.yaml", """\
        conversations:
          - name: still broken
            turns:
              - user: what is kadcyla
                intent: greeting
                xfail: pretend the engine gets this wrong
              - user: how is it given
                says: IV
          - name: fixed now
            turns:
              - user: what is kadcyla
                intent: drug_overview
                xfail: this was fixed
        """)
    broken, fixed = load_file(path, "c.yaml").conversations
    assert run_conversation(bot, broken).status == "xfailed"
    result = run_conversation(bot, fixed)
    assert result.status == "failed"
    assert "remove the 'xfail:' line at line 13" in result.failed_turn.problems[0]


# ---------------------------------------------------------- pytest plugin


def test_pytest_collects_one_item_per_conversation_in_file_order(pytester: pytest.Pytester):
    write(pytester.path, "conversations/c.yaml", GOOD_AND_BROKEN)
    write(pytester.path, "other/not_a_test.yaml", "just: data\n")  # outside conversations/: ignored
    result = pytester.runpytest("-p", "bot.quality.pytest_plugin", "--collect-only", "-q")
    lines = [line for line in result.outlines if "::" in line]
    assert lines == ["conversations/c.yaml::Kadcyla is an IV drug", "conversations/c.yaml::Broken on purpose"]


def test_pytest_failure_names_file_line_turn_history_and_expected_vs_actual(pytester: pytest.Pytester):
    write(pytester.path, "conversations/c.yaml", GOOD_AND_BROKEN)
    result = pytester.runpytest("-p", "bot.quality.pytest_plugin")
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "conversations/c.yaml:15: conversation 'Broken on purpose', turn 3 of 3" in out
    assert "Conversation so far:" in out
    assert "1. user: does enhertu affect the lungs" in out and "2. user: what about tukysa" in out
    assert "the user says: 'and kadcyla?'" in out
    assert re.search(r"intent: expected drug_how_given, got drug_side_effect_check \(confidence \d\.\d\d\)", out)
    assert 'says: the reply does not contain "this text is not in the reply"' in out
    assert "not among the side effects" in out  # the bot's actual text is shown
    assert "Traceback" not in out and "convtest.py" not in out


def test_pytest_malformed_file_is_a_clean_collection_error(pytester: pytest.Pytester):
    write(pytester.path, "conversations/bad.yaml", """\
        conversations:
          - name: typo in a key
            turns:
              - user: what is kadcyla
                intnet: drug_overview
        """)
    result = pytester.runpytest("-p", "bot.quality.pytest_plugin")
    result.assert_outcomes(errors=1)
    out = result.stdout.str()
    assert "conversations/bad.yaml:5: conversation 'typo in a key', turn 1: unknown key 'intnet'" in out
    assert "Traceback" not in out and "convtest.py" not in out and "yamlfile.py" not in out


def test_pytest_unknown_intent_is_a_collection_error(pytester: pytest.Pytester):
    write(pytester.path, "conversations/bad.yaml", """\
        conversations:
          - name: wrong intent id
            turns:
              - user: hi
                intent: greetings
        """)
    result = pytester.runpytest("-p", "bot.quality.pytest_plugin")
    result.assert_outcomes(errors=1)
    assert "conversations/bad.yaml:5" in result.stdout.str()
    assert "unknown intent 'greetings' (did you mean greeting" in result.stdout.str()


def test_pytest_reports_xfail_turns_as_xfail(pytester: pytest.Pytester):
    write(pytester.path, "conversations/c.yaml", """\
        conversations:
          - name: known problem
            turns:
              - user: what is kadcyla
                intent: greeting
                xfail: pretend this is an engine bug
        """)
    result = pytester.runpytest("-p", "bot.quality.pytest_plugin", "-rx")
    result.assert_outcomes(xfailed=1)
    assert "pretend this is an engine bug" in result.stdout.str()


def test_per_file_content_folder_is_used(pytester: pytest.Pytester):
    content = pytester.path / "content"
    shutil.copytree(REPO / "knowledge", content / "knowledge")
    shutil.copytree(REPO / "intents", content / "intents")
    responses = content / "knowledge" / "responses.yaml"
    text = responses.read_text(encoding="utf-8")
    assert "Hello! I can answer" in text
    responses.write_text(text.replace("Hello! I can answer", "Howdy from the test content! I can answer"), encoding="utf-8")
    write(pytester.path, "conversations/c.yaml", """\
        content: ../content
        conversations:
          - name: greeting from the other content
            turns:
              - user: hello
                says: Howdy from the test content
        """)
    result = pytester.runpytest("-p", "bot.quality.pytest_plugin")
    result.assert_outcomes(passed=1)


# ----------------------------------------------------------- her2bot test


def test_her2bot_test_passes_on_the_shipped_suite():
    result = her2bot("test", "tests/conversations")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert re.match(r"\d+ passed, 0 failed", summary), summary
    assert "PASS   Kadcyla by abbreviation T-DM1" in result.stdout
    assert "Traceback" not in result.stderr


def test_her2bot_test_default_path_is_tests_conversations():
    result = her2bot("test")
    assert result.returncode == 0
    assert "tests/conversations/drugs.yaml" in result.stdout


def test_her2bot_test_fails_on_a_failing_file_with_readable_detail(tmp_path):
    path = write(tmp_path, "c.yaml", GOOD_AND_BROKEN)
    result = her2bot("test", str(path))
    assert result.returncode == 1
    out = result.stdout
    assert "PASS   Kadcyla is an IV drug" in out
    assert "FAIL   Broken on purpose" in out
    assert "c.yaml:15: conversation 'Broken on purpose', turn 3 of 3" in out
    assert "Expected:" in out and "What went wrong:" in out and "The bot answered:" in out
    assert out.strip().splitlines()[-1] == "1 passed, 1 failed"


def test_her2bot_test_reports_a_malformed_file_without_a_traceback(tmp_path):
    path = write(tmp_path, "bad.yaml", "conversations:\n  - name: x\n    turns:\n      - intent: greeting\n")
    result = her2bot("test", str(path))
    assert result.returncode == 1
    assert "ERROR" in result.stdout and "bad.yaml:4:" in result.stdout and "has no 'user:'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_her2bot_test_names_a_content_folder_that_does_not_load(tmp_path):
    (tmp_path / "empty").mkdir()
    path = write(tmp_path, "c.yaml", "conversations:\n  - name: x\n    turns:\n      - user: hi\ncontent: empty\n")
    result = her2bot("test", str(path))
    assert result.returncode == 1
    assert "c.yaml:5: cannot load the content folder it names" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_her2bot_test_missing_path_exits_2():
    result = her2bot("test", "no/such/place")
    assert result.returncode == 2
    assert "no such file or folder: no/such/place" in result.stderr


def test_her2bot_test_json_has_per_conversation_results(tmp_path):
    path = write(tmp_path, "c.yaml", GOOD_AND_BROKEN)
    result = her2bot("test", "--json", str(path))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["summary"] == {"passed": 1, "failed": 1, "xfailed": 0, "errors": 0, "deselected": 0}
    good, broken = data["conversations"]
    assert (good["name"], good["status"]) == ("Kadcyla is an IV drug", "passed")
    assert broken["status"] == "failed"
    failure = broken["failure"]
    assert (failure["turn"], failure["line"], failure["user"]) == (3, 15, "and kadcyla?")
    assert failure["reply"]["intent"] == "drug_side_effect_check"
    assert [h["user"] for h in failure["history"]] == ["does enhertu affect the lungs", "what about tukysa"]
    assert failure["reply"]["debug"]["decision"] == "answer" and "follow-up" in failure["reply"]["debug"]["reason"]


# ----------------------------------------------- her2bot test for CI: why, -k, --junit


def test_a_failing_turn_shows_the_decision_and_its_reason(tmp_path):
    path = write(tmp_path, "c.yaml", GOOD_AND_BROKEN)
    result = her2bot("test", str(path))
    debug = subprocess.run([sys.executable, "-m", "bot", "chat", "--debug"], input="does enhertu affect the lungs\nwhat about tukysa\nand kadcyla?\n",
                           capture_output=True, text=True, timeout=120, cwd=REPO)
    decision = [line for line in debug.stdout.splitlines() + debug.stderr.splitlines() if "decision:" in line][-1]
    reason = decision.split("decision: ", 1)[1]  # what --debug says about the third turn
    assert f"Why: {reason}" in result.stdout
    assert re.search(r"best intents: drug_\w+ \d+\.\d, ", result.stdout)


def test_the_pytest_failure_shows_the_decision_too(pytester: pytest.Pytester):
    write(pytester.path, "conversations/c.yaml", GOOD_AND_BROKEN)
    result = pytester.runpytest("-p", "bot.quality.pytest_plugin")
    assert re.search(r"Why: answer - follow-up", result.stdout.str())


def test_k_runs_only_the_matching_conversations(tmp_path):
    path = write(tmp_path, "c.yaml", GOOD_AND_BROKEN)
    result = her2bot("test", "-k", "IV DRUG", str(path))
    assert result.returncode == 0, result.stdout
    assert "PASS   Kadcyla is an IV drug" in result.stdout and "Broken on purpose" not in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "1 passed, 0 failed, 1 deselected (-k) - all good"
    by_file = her2bot("test", "-k", "c.yaml::broken", str(path))
    assert by_file.returncode == 1 and "FAIL   Broken on purpose" in by_file.stdout and "PASS" not in by_file.stdout


def test_k_that_matches_nothing_exits_2(tmp_path):
    path = write(tmp_path, "c.yaml", GOOD_AND_BROKEN)
    result = her2bot("test", "-k", "no such conversation", str(path))
    assert result.returncode == 2
    assert "no conversation matches -k 'no such conversation' (2 deselected)" in result.stderr


def test_junit_xml_has_a_testcase_per_conversation_with_failures_xfails_and_errors(tmp_path):
    import xml.etree.ElementTree as ET

    good = write(tmp_path, "c.yaml", GOOD_AND_BROKEN)
    known = write(tmp_path, "known.yaml", """\
        conversations:
          - name: known problem
            turns:
              - user: what is kadcyla
                intent: greeting
                xfail: pretend this is an engine bug
        """)
    bad = write(tmp_path, "bad.yaml", "conversations:\n  - name: x\n    turns:\n      - intent: greeting\n")
    out = tmp_path / "report.xml"
    result = her2bot("test", "--junit", str(out), str(good), str(known), str(bad))
    assert result.returncode == 1
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("4", "1", "1", "1")
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["Kadcyla is an IV drug"].find("failure") is None and cases["Kadcyla is an IV drug"].get("line") == "2"
    failure = cases["Broken on purpose"].find("failure")
    assert "intent: expected drug_how_given" in failure.get("message")
    assert "c.yaml:15: conversation 'Broken on purpose', turn 3 of 3" in failure.text and "Why: answer" in failure.text
    assert cases["known problem"].find("skipped").get("type") == "xfail"
    assert "pretend this is an engine bug" in cases["known problem"].find("skipped").get("message")
    error = cases["(this file is not valid)"].find("error")
    assert "bad.yaml:4:" in error.text and "has no 'user:'" in error.text


# ------------------------------------------------------- the shipped suite


def _suite(bot: Bot):
    files = [load_file(p) for p in sorted(SUITE.glob("*.yaml"))]
    for f in files:
        assert check_against_bot(f, bot) == []
    return [c for f in files for c in f.conversations]


def test_suite_covers_every_intent_and_safety_route(bot: Bot):
    conversations = _suite(bot)
    assert len(conversations) >= 40
    expected = {t.intent for c in conversations for t in c.turns}
    # Safety rules answered with the plain fallback come back with no intent.
    routes = {f"safety.{r.id}" for r in bot.content.safety if r.response != "fallback"}
    wanted = {i.id for i in bot.content.intents} | routes
    assert wanted - expected == set(), "intents with no conversation test"


def test_suite_asks_about_every_drug_by_brand_and_generic_name(bot: Bot):
    conversations = _suite(bot)
    said = " ".join(t.user.casefold() for c in conversations for t in c.turns)
    tested = {t.entities.get(k) for c in conversations for t in c.turns if t.entities for k in ("drug", "drug_2")}
    for drug in bot.content.drugs:
        assert drug.id in tested, f"no expectation names {drug.id}"
        assert drug.name.casefold() in said, f"{drug.name} is never asked about by its generic name"
        assert any(b.casefold() in said for b in drug.brand_names), f"{drug.name} is never asked about by brand"
