"""The evaluator (bot/quality/evaluate.py), the typo generator (bot/quality/typos.py) and the
`her2bot eval` command, plus the independence of the labelled data set from
the intents' example phrasings."""

from __future__ import annotations

import re

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.quality import evaluate as ev
from bot.cli import main
from bot.quality.typos import NEIGHBOURS, mistype, perturb

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "eval_fixtures"
DATASET = REPO / "tests" / "eval" / "questions.yaml"


# ------------------------------------------------------------ metrics (fake bot)
# What the fake bot answers to each question of eval_fixtures/metrics.yaml:
# (intent, fallback, entities).
FAKE_REPLIES = {
    "q1 right overview": ("drug_overview", False, {"drug": "tucatinib"}),
    "q2 overview taken for side effects": ("drug_side_effects", False, {"drug": "neratinib"}),
    "q3 right side effects, wrong side effect entity": ("drug_side_effects", False, {"side_effect": "fatigue"}),
    "q4 out of scope, fallback": (None, True, {}),
    "q5 out of scope, safety fallback": ("safety.out_of_scope_fact", True, {}),
    "q6 out-of-scope fact answered as overview": ("drug_overview", False, {}),
    "q7 greeting that fell back": (None, True, {}),
    "q8 overview that asked to clarify": ("clarify", False, {}),
    "q9 another overview taken for side effects": ("drug_side_effects", False, {}),
}


class FakeBot:
    def __init__(self) -> None:
        self.states: list[object] = []

    def respond(self, text, state=None):
        self.states.append(state)
        intent, fallback, entities = FAKE_REPLIES[text]
        return SimpleNamespace(intent=intent, fallback=fallback, entities=entities), "new-state"


@pytest.fixture(scope="module")
def fake_result():
    questions = ev.load_dataset(FIXTURES / "metrics.yaml")
    fake = FakeBot()
    result = ev.evaluate(fake, questions)
    return result, fake


def test_every_question_is_asked_in_a_fresh_conversation(fake_result):
    result, fake = fake_result
    assert len(fake.states) == 9
    assert fake.states == [None] * 9


def test_headline_metrics_follow_the_definitions(fake_result):
    m = fake_result[0].metrics
    assert m.questions == 9
    # right: q1, q3, q4 and q5 (an out-of-scope question is right when it
    # falls back, whichever rule gave the helpline); q8 is a clarify
    assert m.accuracy == pytest.approx(4 / 9)
    # out of scope: q4, q5 (fallbacks) and q6 (answered)
    assert (m.oos_questions, m.oos_recall) == (3, pytest.approx(2 / 3))
    # in scope: q1 q2 q3 q7 q8 q9; only q7 fell back
    assert (m.in_scope_questions, m.false_fallback) == (6, pytest.approx(1 / 6))
    # labelled entities: q1 (right), q2 (right drug, wrong intent), q3 (wrong side effect)
    assert (m.entity_questions, m.entity_accuracy) == (3, pytest.approx(2 / 3))


def test_per_label_precision_recall_and_support(fake_result):
    labels = {s.label: s for s in fake_result[0].labels}
    overview = labels["drug_overview"]  # expected by q1 q2 q8 q9; predicted for q1 q6
    assert (overview.support, overview.predicted) == (4, 2)
    assert overview.precision == pytest.approx(1 / 2)
    assert overview.recall == pytest.approx(1 / 4)
    side = labels["drug_side_effects"]  # expected by q3; predicted for q2 q3 q9
    assert (side.support, side.predicted, side.recall) == (1, 3, 1.0)
    assert side.precision == pytest.approx(1 / 3)
    clarify = labels["clarify"]  # never expected: recall is undefined, precision 0
    assert (clarify.support, clarify.recall, clarify.precision) == (0, None, 0.0)
    greeting = labels["greeting"]  # expected once, never predicted
    assert (greeting.precision, greeting.recall) == (None, 0.0)


def test_most_confused_pairs_come_first_with_their_first_example(fake_result):
    confusions = fake_result[0].confusions
    top = confusions[0]
    assert (top.expected, top.got, top.count) == ("drug_overview", "drug_side_effects", 2)
    assert top.example == "q2 overview taken for side effects"
    assert sum(c.count for c in confusions) == 5  # every wrong answer is in one pair
    pairs = {(c.expected, c.got) for c in confusions}
    assert ("safety.out_of_scope_fact", "drug_overview") in pairs
    assert ("fallback", "safety.out_of_scope_fact") not in pairs  # a fallback is the right reply to q5


def test_errors_list_every_misclassified_question_with_its_line(fake_result):
    result = fake_result[0]
    wrong = [o.question.q.split()[0] for o in result.errors]
    assert wrong == ["q2", "q6", "q7", "q8", "q9"]
    text = ev.format_report(result, show_errors=True)
    assert "metrics.yaml:8: 'q2 overview taken for side effects': expected drug_overview, got drug_side_effects" in text


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert ev.percentile(values, 50) == 50.0
    assert ev.percentile(values, 99) == 99.0
    assert ev.percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert ev.percentile([7.0], 99) == 7.0
    assert ev.percentile([], 50) == 0.0


def test_gates_compare_in_the_right_direction(fake_result):
    result = fake_result[0]
    limits = {"min_accuracy": 0.3, "min_oos_recall": 0.9, "max_false_fallback": 0.2, "min_typo_accuracy": None}
    by_name = {g.name: g.ok for g in ev.gates(result, None, limits)}
    assert by_name == {"intent accuracy": True, "out-of-scope recall": False, "false-fallback rate": True}
    # a typo threshold without a typo run cannot pass
    (typo_gate,) = ev.gates(result, None, {"min_typo_accuracy": 0.0})
    assert not typo_gate.ok


# ------------------------------------------------------------ loading
def test_bad_dataset_reports_every_problem_with_its_line(bot):
    with pytest.raises(ev.DatasetError) as info:
        ev.load_dataset(FIXTURES / "bad.yaml", bot)
    found = {(p.line, p.message.split(" '")[0].split(":")[0]) for p in info.value.problems}
    lines = sorted(p.line for p in info.value.problems)
    assert lines == [4, 7, 8, 12], info.value.problems
    text = str(info.value)
    assert "bad.yaml:4: unknown label 'drug_overveiw'" in text
    assert "bad.yaml:7: unknown drug 'tukysa'" in text
    assert "bad.yaml:12: unknown key 'colour'" in text
    assert found  # every problem has a message


def test_yaml_syntax_error_is_a_problem_not_a_traceback(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("questions:\n  - q: [unclosed\n    intent: greeting\n", encoding="utf-8")
    with pytest.raises(ev.DatasetError) as info:
        ev.load_dataset(broken)
    assert "YAML syntax error" in str(info.value)
    assert info.value.problems[0].line > 0


def test_duplicate_questions_are_reported(tmp_path):
    dup = tmp_path / "dup.yaml"
    dup.write_text('questions:\n  - {q: "Hello there", intent: greeting}\n  - {q: "hello  there", intent: greeting}\n', encoding="utf-8")
    with pytest.raises(ev.DatasetError, match=r"dup.yaml:3: duplicate question .* \(first at line 2\)"):
        ev.load_dataset(dup)


# ------------------------------------------------------------ typos
SAMPLES = [
    "does enhertu affect the lungs",
    "my mom just started kadcyla and she is always tired",
    "Is HER2-low the same as HER2-negative? 10-20 percent",
    "what are the side effects of tukysa",
]


def _edit_kind(before: str, after: str) -> str:
    """Which single edit turns `before` into `after` (or 'other')."""
    if len(after) == len(before) - 1 and any(before[:i] + before[i + 1 :] == after for i in range(len(before))):
        return "drop"
    if len(after) == len(before) + 1 and any(after[:i] + after[i + 1 :] == before and after[i] == after[i - 1] for i in range(1, len(after))):
        return "double"
    if len(after) == len(before):
        diff = [i for i in range(len(before)) if before[i] != after[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and before[diff[0]] == after[diff[1]] and before[diff[1]] == after[diff[0]]:
            return "swap"
        if len(diff) == 1 and after[diff[0]].lower() in NEIGHBOURS[before[diff[0]].lower()]:
            return "neighbour"
    return "other"


def test_perturbation_is_deterministic_and_seeded():
    for text in SAMPLES:
        assert perturb(text, 5) == perturb(text, 5)
    assert [perturb(t, 5) for t in SAMPLES] != [perturb(t, 6) for t in SAMPLES]


def test_perturbation_is_the_same_in_another_process():
    code = "from bot.quality.typos import perturb; import sys; print(perturb(sys.argv[1], 5))"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code, SAMPLES[1]], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == perturb(SAMPLES[1], 5)


def test_perturbation_changes_only_letters_of_long_words_never_the_first():
    rng_texts = SAMPLES + [f"question number {i} about kadcyla and enhertu side effects" for i in range(40)]
    for text in rng_texts:
        after = perturb(text, 11)
        assert after != text  # every text with a 4+ letter word gets at least one typo
        words, new_words = text.split(" "), after.split(" ")
        assert len(words) == len(new_words)
        for old, new in zip(words, new_words):
            if old == new:
                continue
            assert len([c for c in old if c.isalpha()]) >= 4
            assert new[0] == old[0]
            assert [c for c in new if not c.isalpha()] == [c for c in old if not c.isalpha()]
            assert _edit_kind(old, new) in ("drop", "swap", "double", "neighbour"), (old, new)


def test_all_four_kinds_of_edit_occur():
    rng = random.Random(1)
    kinds = {_edit_kind("kadcyla", mistype("kadcyla", rng)) for _ in range(200)}
    assert kinds == {"drop", "swap", "double", "neighbour"}


def test_qwerty_neighbours():
    assert set(NEIGHBOURS["g"]) == set("fhtyvb")
    assert set(NEIGHBOURS["q"]) == set("wa")
    assert "p" not in NEIGHBOURS["a"]


def test_perturbed_questions_keep_their_labels():
    questions = ev.load_dataset(FIXTURES / "cli.yaml")
    typed = ev.perturbed(questions, 5)
    for before, after in zip(questions, typed):
        assert (after.intent, after.entities, after.line) == (before.intent, before.entities, before.line)
    assert [q.q for q in typed] != [q.q for q in questions]


# ------------------------------------------------------------ the command
def _run(capsys, *argv: str) -> tuple[int, str, str]:
    """`her2bot eval` with the given arguments; the default safety corpus and
    question parts only when asked for (they have their own tests)."""
    extra = [] if any(a.startswith(("--part", "--safety")) for a in argv) else ["--no-safety", "--no-parts"]
    code = main(["eval", *argv, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_eval_prints_a_readable_report(capsys):
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--typos")
    assert code == 0
    for heading in ("intent accuracy (top-1)", "entity accuracy", "out-of-scope recall", "false-fallback rate",
                    "typo-set intent accuracy", "latency median / p99", "Per label", "Most confused"):
        assert heading in out
    # the deliberately wrong label is always a confusion
    assert "drug_how_given" in out or "goodbye ->" in out


def test_eval_json_is_reproducible_apart_from_latency(capsys):
    runs = []
    for _ in range(2):
        code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--json", "--typos", "--seed", "3")
        assert code == 0
        data = json.loads(out)
        for part in (data, data["typos"]):
            part["metrics"].pop("latency_ms")
        runs.append(data)
    assert runs[0] == runs[1]
    assert runs[0]["metrics"]["questions"] == 4
    assert runs[0]["typos"]["seed"] == 3
    assert any(e["expected"] == "goodbye" for e in runs[0]["errors"])


def test_failed_threshold_exits_1_and_names_it(capsys):
    code, out, err = _run(capsys, str(FIXTURES / "cli.yaml"), "--min-accuracy", "1.0")
    assert code == 1
    assert "threshold failed: intent accuracy" in err
    assert "FAILED: intent accuracy" in out


def test_thresholds_that_hold_exit_0(capsys):
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--min-accuracy", "0", "--max-false-fallback", "1", "--min-typo-accuracy", "0")
    assert code == 0
    assert "ok: intent accuracy" in out and "ok: typo-set intent accuracy" in out


def test_threshold_outside_0_1_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["eval", str(FIXTURES / "cli.yaml"), "--min-accuracy", "95"])
    assert info.value.code == 2
    assert "between 0 and 1" in capsys.readouterr().err


def test_missing_dataset_is_a_clear_error(capsys, tmp_path):
    code, out, err = _run(capsys, str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "data set not found" in err and "Traceback" not in err


def test_invalid_dataset_exits_2_with_file_and_line(capsys):
    code, _, err = _run(capsys, str(FIXTURES / "bad.yaml"))
    assert code == 2
    assert "bad.yaml:4: unknown label 'drug_overveiw'" in err


def test_show_errors_lists_the_wrong_answers(capsys):
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--show-errors")
    assert code == 0
    assert "cli.yaml:12: 'how is kadcyla given': expected goodbye" in out


# ------------------------------------------------------------ the shipped data set
def _shipped_questions(bot):
    if not DATASET.exists():
        pytest.skip(f"labelled data set not written yet: {DATASET}")
    return ev.load_dataset(DATASET, bot)


def test_shipped_dataset_is_valid(bot):
    questions = _shipped_questions(bot)
    assert len(questions) >= 400
    assert sum(q.out_of_scope for q in questions) >= 80


def _verbatim(text: str) -> str:
    """Case, punctuation and spacing folded; every word kept as typed."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def test_no_dataset_question_copies_an_intent_example(bot):
    """No question may appear verbatim among the example phrasings (issue 5).
    Verbatim means the same words in the same order, ignoring case and
    punctuation: "Hello!" copies the example "hello", but "hellooo", "thx"
    or "whats her2low" do not copy "hello", "thanks" or "what is her2 low"
    (they test that the bot copes with such spellings). An example with a
    {drug} placeholder is not a literal sentence and cannot be copied."""
    examples: dict[str, str] = {}
    for intent in bot.content.intents:
        for example in intent.examples:
            examples.setdefault(_verbatim(example.text), f"{example.file}:{example.line}")
    copies = []
    for q in _shipped_questions(bot):
        text = _verbatim(q.q)
        if text in examples:
            copies.append(f"{q.file}:{q.line}: {q.q!r} is the example at {examples[text]}")
    assert not copies, "\n".join(copies)


def test_rate_1_mistypes_every_long_word_and_rate_0_just_one():
    text = "does kadcyla cause nausea or fatigue"
    long_words = [w for w in text.split() if len(w) >= 4]
    changed = lambda after: sum(a != b for a, b in zip(text.split(), after.split()))  # noqa: E731
    assert changed(perturb(text, 5, rate=1.0)) == len(long_words)
    assert changed(perturb(text, 5, rate=0.0)) == 1


# ------------------------------------------------------------ --compare
def _saved(capsys, tmp_path, *argv: str) -> tuple[Path, dict]:
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--json", *argv)
    assert code == 0
    path = tmp_path / "old.json"
    path.write_text(out, encoding="utf-8")
    return path, json.loads(out)


def test_compare_with_an_unchanged_run_lists_no_change(capsys, tmp_path):
    path, _ = _saved(capsys, tmp_path, "--typos")
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--typos", "--compare", str(path))
    assert code == 0
    assert f"Changed since {path}:" in out
    assert "questions: 0 changed (0 now right, 0 now wrong), 0 new, 0 no longer in the set" in out
    assert "typo set: 0 changed" in out


def test_compare_lists_each_question_whose_outcome_changed(capsys, tmp_path):
    path, data = _saved(capsys, tmp_path)
    outcomes = data["outcomes"]
    right = next(o for o in outcomes if o["correct"])
    wrong = next(o for o in outcomes if not o["correct"])
    # the past as it might have been: `right` was wrong then, `wrong` was right,
    # one question was not in the set yet, and one has since been removed
    right.update(got="goodbye", correct=False)
    wrong.update(got=wrong["expected"], correct=True)
    added = next(o for o in outcomes if o not in (right, wrong))
    outcomes.remove(added)
    outcomes.append({"q": "a question no longer asked", "file": "x", "line": 1, "expected": "greeting", "got": "greeting", "correct": True})
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--compare", str(path))
    assert code == 0
    assert "questions: 2 changed (1 now right, 1 now wrong), 1 new, 1 no longer in the set" in out
    assert f"cli.yaml:{right['line']}: {right['q']!r}: wrong -> right (expected {right['expected']}; was goodbye, now {right['expected']})" in out
    assert re.search(rf"cli\.yaml:{wrong['line']}: .*: right -> WRONG \(expected {wrong['expected']}; was {wrong['expected']}, now ", out)
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--json", "--compare", str(path))
    changed = json.loads(out)["compare"]["questions"]
    assert {c["q"] for c in changed["changed"]} == {right["q"], wrong["q"]}
    assert (changed["new_questions"], changed["gone_questions"]) == (1, 1)


def test_compare_with_a_report_that_lists_errors_only(capsys, tmp_path):
    path, data = _saved(capsys, tmp_path)
    del data["outcomes"]
    data["errors"] = []  # then, every question was answered right
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--compare", str(path))
    assert code == 0
    wrong_now = sum(not o["correct"] for o in _saved(capsys, tmp_path)[1]["outcomes"])
    assert f"({0} now right, {wrong_now} now wrong)" in out
    assert "taken as right then" in out


def test_compare_with_a_file_that_is_no_report_exits_2_naming_the_line(capsys, tmp_path):
    path = tmp_path / "old.json"
    path.write_text('{\n  "metrics": {},\n  "errors": [,]\n}\n', encoding="utf-8")
    code, _, err = _run(capsys, str(FIXTURES / "cli.yaml"), "--compare", str(path))
    assert code == 2
    assert f"{path}:3: not a report saved by `her2bot eval --json`" in err


def test_question_parts_are_reported_side_by_side_and_gated(capsys):
    part = FIXTURES / "parts" / "locked_tiny.yaml"
    code, out, err = _run(capsys, str(FIXTURES / "cli.yaml"), "--no-safety", "--part", str(part), "--part", str(part),
                          "--question-gates", "--show-errors")
    assert "answerable questions" in out and "must fall back" in out and "near-copies" in out
    assert out.count("locked_tiny") >= 2  # one column per part
    assert "1/1 100.0%" in out  # the answerable question and the fallback are right
    assert "1/2  50.0%" in out  # the turn with the wrong label is not
    assert "locked_tiny.yaml:15: (a locked item: text withheld" in out  # measured, not read
    assert "'how is it given'" not in out
    assert code == 1 and "locked_tiny: threshold failed: turns accuracy 0.500" in err


def test_show_locked_prints_a_locked_question_parts_errors(capsys):
    part = FIXTURES / "parts" / "locked_tiny.yaml"
    _, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--no-safety", "--part", str(part),
                     "--show-errors", "--show-locked")
    assert "locked_tiny.yaml:15: 'how is it given'" in out


def _safety_parts(tmp_path):
    """A dev and a locked part, each with one emergency the bot reads as a greeting."""
    for name in ("dev", "locked"):
        (tmp_path / f"{name}.yaml").write_text('messages:\n  - text: "hello there"\n    kind: emergency\n',
                                               encoding="utf-8")
    return str(tmp_path)


def test_a_locked_safety_parts_errors_are_withheld_unless_asked(tmp_path, capsys):
    folder = _safety_parts(tmp_path)
    main(["eval", "--no-parts", "--safety", folder, "--show-errors"])
    out = capsys.readouterr().out
    assert "dev.yaml:2: emergency answered as social: 'hello there'" in out
    assert "locked.yaml:2: emergency answered as social: (a locked item: text withheld" in out
    assert out.count("hello there") == 1
    main(["eval", "--no-parts", "--safety", folder, "--show-errors", "--show-locked"])
    assert "locked.yaml:2: emergency answered as social: 'hello there'" in capsys.readouterr().out


def test_a_locked_safety_parts_errors_are_withheld_from_json(tmp_path, capsys):
    folder = _safety_parts(tmp_path)
    main(["eval", "--no-parts", "--safety", folder, "--json"])
    dev, locked = json.loads(capsys.readouterr().out)["safety"]
    assert dev["misses"][0]["text"] == "hello there"
    assert locked["misses"][0]["text"].startswith("(a locked item: text withheld")
    assert locked["misses"][0]["line"] == 2


def test_question_parts_in_json(capsys):
    part = FIXTURES / "parts" / "locked_tiny.yaml"
    code, out, _ = _run(capsys, str(FIXTURES / "cli.yaml"), "--no-safety", "--part", str(part), "--json")
    assert code == 0  # no gates asked for
    [data] = json.loads(out)["parts"]
    assert data["part"] == "locked_tiny"
    assert data["accuracy"]["turns"] == {"right": 1, "total": 2, "rate": 0.5}


def test_a_missing_question_part_is_a_clear_error(capsys, tmp_path):
    code, _, err = _run(capsys, str(FIXTURES / "cli.yaml"), "--no-safety", "--part", str(tmp_path / "nope.yaml"))
    assert code == 2 and "question set part not found" in err


def test_parts_are_listed_in_number_order_with_the_locked_part_last(tmp_path, capsys):
    for name in ("locked", "dev10", "dev2", "dev", "dev9"):
        (tmp_path / f"{name}.yaml").write_text('messages:\n  - text: "hi"\n    kind: social\n', encoding="utf-8")
    main(["eval", "--no-parts", "--safety", str(tmp_path)])
    header = next(line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("part "))
    assert header.split()[1:] == ["dev", "dev2", "dev9", "dev10", "locked"]


def test_social_messages_given_a_social_reply_are_counted(tmp_path, capsys):
    (tmp_path / "dev.yaml").write_text(
        'messages:\n  - text: "hello there"\n    kind: social\n'
        '  - text: "what is the capital of peru"\n    kind: social\n'
        '  - text: "what is her2"\n    kind: question\n', encoding="utf-8")
    main(["eval", "--no-parts", "--safety", str(tmp_path)])
    row = next(line for line in capsys.readouterr().out.splitlines() if "social replies" in line)
    assert "1/2" in row  # the greeting is answered as one; the fallback is no social reply
    main(["eval", "--no-parts", "--safety", str(tmp_path), "--json"])
    [dev] = json.loads(capsys.readouterr().out)["safety"]
    assert dev["social_replies"] == {"right": 1, "total": 2, "rate": 0.5}
