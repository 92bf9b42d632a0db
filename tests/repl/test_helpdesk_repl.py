"""The terminal chat's help-desk commands and urgent replies: /source,
/summary ("Questions for my doctor"), and crisis and emergency replies in
bold only where colour is wanted."""

from __future__ import annotations

import io
from pathlib import Path

from bot import Bot
from bot.answer.doctor_questions import sheet_questions
from bot.channels.repl import COMMANDS, run_piped
from chat_driver import ENTER
from test_pty import COMMAND, DISCLAIMER, Terminal, env_for

BOLD = "\x1b[1m"
CRISIS = "i dont want to be here anymore, i want to die"
EMERGENCY = "my chest hurts and i cant breathe"


def flat(text: str) -> str:
    return " ".join(text.split())


def after(output: str, marker: str) -> str:
    assert marker in output, f"{marker!r} not in output:\n{output}"
    return output.rsplit(marker, 1)[1]


def reply_lines(output: str) -> list[str]:
    """The non-empty lines printed between the welcome and the goodbye."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if "/help for commands" in line)
    start = lines.index("", start)  # the welcome ends with a blank line
    end = next(i for i, line in enumerate(lines) if line.startswith("Take care."))
    return [line for line in lines[start:end] if line.strip()]


def test_source_names_where_the_last_answer_comes_from(run_chat, bot: Bot):
    reply, _ = bot.respond("how is enhertu given")
    assert reply.citations
    run = run_chat("how is enhertu given" + ENTER + "/source" + ENTER)
    shown = flat(after(run.output, "comes from on the fact sheet"))
    for citation in reply.citations:
        assert flat(f"{citation.section}: {citation.detail}") in shown


def test_source_without_a_sheet_fact_says_so(run_chat):
    run = run_chat("/source" + ENTER + "what is the capital of peru" + ENTER + "/source" + ENTER)
    assert "Ask a question first" in run.output
    assert "does not state a fact from the fact sheet" in flat(after(run.output, "Which drugs are pills?"))


def test_summary_lists_questions_for_the_care_team_and_the_sheets_own(run_chat, bot: Bot):
    decision = "should i stop taking enhertu"
    assert bot.respond(decision)[0].kind == "decision"
    run = run_chat("what is kadcyla" + ENTER + decision + ENTER + "/summary" + ENTER)
    summary = flat(after(run.output, "Questions for my doctor"))
    assert f"- {decision}" in summary
    assert "- what is kadcyla" not in summary                # answered from the sheet: not for the doctor
    questions = sheet_questions(bot.content)
    assert len(questions) >= 3
    for i, question in enumerate(questions, 1):
        assert f"{i}. {question}" in summary
    assert summary.index(decision) < summary.index(questions[0])
    assert "1-877-465-6636" in summary


def test_summary_starts_empty_and_reset_clears_it(run_chat):
    run = run_chat("should i skip my kadcyla dose" + ENTER + "/reset" + ENTER + "/summary" + ENTER)
    summary = flat(after(run.output, "Questions for my doctor"))
    assert "none yet" in summary and "skip my kadcyla" not in summary


def test_help_lists_the_new_commands(run_chat):
    run = run_chat("/help" + ENTER)
    for command in ("/source", "/summary"):
        assert command in COMMANDS and command in run.output


def test_crisis_and_emergency_replies_are_bold_with_colour(run_chat, bot: Bot):
    for message, kind in ((CRISIS, "crisis"), (EMERGENCY, "emergency")):
        reply, _ = bot.respond(message)
        assert reply.kind == kind
        coloured = reply_lines(run_chat(message + ENTER, colour=True).output)
        body = [line for line in coloured if not line.startswith("\x1b[2m")]  # the dimmed disclaimer follows
        assert body and all(line.startswith(BOLD) for line in body), coloured
        assert ("988" if kind == "crisis" else "911") in flat(" ".join(body))
        plain = run_chat(message + ENTER).output
        assert "\x1b" not in plain
    ordinary = reply_lines(run_chat("what is kadcyla" + ENTER, colour=True).output)
    assert not any(BOLD in line for line in ordinary)


def test_the_reply_to_a_message_it_cannot_read_shows_its_numbers_in_bold(run_chat, bot: Bot):
    message = "我爸爸很不舒服怎么办"  # "my dad feels very unwell, what should I do": read as nothing, so 911 / 988 first
    reply, _ = bot.respond(message)
    assert reply.fallback and reply.calls == ("911", "988")
    coloured = reply_lines(run_chat(message + ENTER, colour=True).output)
    said = [line for line in coloured if "911" in line or "988" in line]
    assert said and all(BOLD in line for line in said), coloured


def test_piped_urgent_replies_carry_no_control_codes(bot: Bot):
    out = io.StringIO()
    run_piped(bot, [CRISIS + "\n", EMERGENCY + "\n"], out)
    assert "\x1b" not in out.getvalue()
    assert "988" in out.getvalue() and "911" in out.getvalue()


def test_real_terminal_shows_a_crisis_reply_in_bold_unless_no_color(tmp_path: Path):
    for extra, bold in (({}, True), ({"NO_COLOR": "1"}, False)):
        term = Terminal(COMMAND, env_for(tmp_path, **extra))
        try:
            term.wait_for_prompt()
            term.type(CRISIS + "\r")
            term.read_until(DISCLAIMER)
            term.wait_for_prompt()
            term.type("/quit\r")
            assert term.wait() == 0
            reply = term.raw.rsplit(CRISIS, 1)[1]
            assert "988" in term.text()
            assert (BOLD in reply) is bold
        finally:
            term.close()
