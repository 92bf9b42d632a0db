"""`her2bot ask` and the top-level CLI, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_ask_prints_answer_disclaimer_and_suggestions():
    result = run("ask", "does enhertu affect lungs?")
    assert result.returncode == 0
    out = result.stdout
    assert "lung problems" in out
    assert "education only" in out
    assert "1. " in out and "You could also ask" in out


def test_ask_accepts_unquoted_words():
    assert "Kadcyla" in run("ask", "what", "is", "kadcyla").stdout


def test_ask_json_is_the_reply_contract():
    result = run("ask", "--json", "what is kadcyla")
    data = json.loads(result.stdout)
    assert data["intent"] == "drug_overview"
    assert data["entities"] == {"drug": "ado-trastuzumab-emtansine"}
    assert data["text"].endswith(data["disclaimer"])


def test_ask_json_carries_citations_and_a_reply_id():
    data = json.loads(run("ask", "--json", "how is enhertu given?").stdout)
    assert data["citations"] == [{"section": "HER2-targeted therapy drugs for MBC (table)",
                                  "detail": "Enhertu — Brand name and (how given)"}]
    assert data["reply_id"].startswith("1-")
    fallback = json.loads(run("ask", "--json", "what is the capital of peru").stdout)
    assert fallback["fallback"] and fallback["citations"] == []


def test_batch_from_stdin_each_line_a_fresh_conversation():
    result = run("ask", "--json", stdin="what is kadcyla\n\n   \nhow is it given\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2  # the blank lines are skipped
    assert lines[0]["intent"] == "drug_overview"
    # fresh conversation: no drug carried over, so the bot asks which drug
    assert lines[1]["entities"] == {} and "Which drug" in lines[1]["text"]


def test_debug_shows_ranking_and_decision():
    result = run("ask", "--debug", "enhurtu lung problms")
    assert "[debug] ranking" in result.stderr
    assert "[debug] decision" in result.stderr
    assert "drug=trastuzumab-deruxtecan (fuzzy)" in result.stderr or "drug=trastuzumab-deruxtecan" in result.stderr


def test_long_message_is_cut_with_note():
    result = run("ask", "--json", stdin="what is kadcyla " + "x" * 5000 + "\n")
    data = json.loads(result.stdout)
    assert "only read the first 2000 characters" in data["text"]


@pytest.mark.parametrize("text", ["", "\x00\x01", "🙂🙂🙂", "<script>alert(1)</script>", "é" * 3000])
def test_odd_input_gets_a_reply_not_a_traceback(text):
    result = run("ask", "--json", stdin=text + "\n" if text.strip() else "x\n")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout.splitlines()[0])
    assert data["text"].endswith(data["disclaimer"])


def test_help_explains_commands():
    out = run("--help").stdout
    for command in ("chat", "ask", "check", "test", "eval", "serve"):
        assert command in out
    assert "education only" in out
    assert "ask" in run("ask", "--help").stdout


def test_unknown_option_is_a_clear_error():
    result = run("ask", "--jsn", "hi")
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


def test_version():
    assert run("--version").stdout.startswith("her2bot ")
