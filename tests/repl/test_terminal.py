"""Colour decisions, reply layout and where the history file lives."""

from __future__ import annotations

import io
from pathlib import Path

from bot import Bot
from bot.channels.repl import history_path
from chat_driver import drive
from bot.channels.terminal import Paint, colour_wanted, layout_reply, strip_colour

DIM = "\x1b[2m"


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color():
    assert colour_wanted(FakeTTY(), {"TERM": "xterm-256color"})
    assert not colour_wanted(io.StringIO(), {"TERM": "xterm-256color"})  # a pipe or file
    assert not colour_wanted(FakeTTY(), {"TERM": "xterm", "NO_COLOR": "1"})
    assert not colour_wanted(FakeTTY(), {"TERM": "dumb"})
    assert colour_wanted(FakeTTY(), {"TERM": "xterm", "NO_COLOR": ""})  # no-color.org: empty means unset


def test_disclaimer_is_dimmed_with_colour_and_plain_without(bot: Bot):
    reply, _ = bot.respond("what is kadcyla")
    coloured = layout_reply(reply, 80, Paint(on=True))
    dimmed = [line for line in coloured.splitlines() if line.startswith(DIM)]
    assert " ".join(strip_colour(line) for line in dimmed) == reply.disclaimer
    plain = layout_reply(reply, 80, Paint(on=False))
    assert "\x1b" not in plain
    assert strip_colour(coloured) == plain


def test_layout_keeps_the_whole_reply_text_and_numbers_suggestions(bot: Bot):
    reply, _ = bot.respond("what is kadcyla")
    text = layout_reply(reply, 60, Paint(on=False))
    assert " ".join(text.split()).startswith(" ".join(reply.text.split()))
    for i, suggestion in enumerate(reply.suggestions, 1):
        assert f"{i}. {suggestion}" in text
    assert max(len(line) for line in text.splitlines()) <= 60


def test_fallback_numbers_its_listed_questions_once(bot: Bot):
    reply, _ = bot.respond("qwerty zxcv")
    assert reply.fallback and reply.suggestions
    text = layout_reply(reply, 80, Paint(on=False))
    for i, suggestion in enumerate(reply.suggestions, 1):
        assert text.count(suggestion) == 1
        assert f"{i}. {suggestion}" in text
    assert "1-877-465-6636" in text and reply.disclaimer in " ".join(text.split())


def test_which_drug_choices_come_before_the_disclaimer_in_columns(bot: Bot):
    reply, state = bot.respond("how is it given")
    assert state.awaiting == "drug"
    text = layout_reply(reply, 80, Paint(on=False), choosing=True)
    first_choice = text.index("1. " + reply.suggestions[0])
    assert first_choice < text.index(reply.disclaimer.split()[0])
    lines = [line for line in text.splitlines() if "1. " in line]
    assert "2. " in lines[0]  # short names share a line
    assert "You could also ask" not in text


def test_history_path_precedence(tmp_path: Path):
    assert history_path({"HER2BOT_HISTORY": str(tmp_path / "h"), "XDG_DATA_HOME": "/x", "HOME": "/home/u"}) == tmp_path / "h"
    assert history_path({"XDG_DATA_HOME": str(tmp_path), "HOME": "/home/u"}) == tmp_path / "her2bot" / "history"
    assert history_path({"HOME": "/home/u"}) == Path("/home/u/.local/share/her2bot/history")


def test_history_folder_is_made_on_first_use(run_chat, history_file: Path):
    assert not history_file.parent.exists()
    run_chat("what is kadcyla\r")
    assert history_file.is_file()


def test_unwritable_history_does_not_stop_the_chat(bot: Bot, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    run = drive(bot, "what is kadcyla\r", history_file=blocker / "her2bot" / "history")
    assert run.status == 0
    assert "History is off" in run.output
    assert "Ado-trastuzumab emtansine (Kadcyla)" in " ".join(run.output.split())
