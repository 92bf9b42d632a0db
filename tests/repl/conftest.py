"""Fixtures for the terminal chat: drive the real prompt_toolkit session
headless (create_pipe_input + DummyOutput) and capture what it printed."""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from bot import Bot
from bot.repl import run_interactive

@dataclass
class ChatRun:
    status: int
    output: str
    history: Path

    def blocks(self) -> list[str]:
        """The printed output split at blank lines (one block per paragraph)."""
        return [b for b in self.output.split("\n\n") if b.strip()]


@pytest.fixture
def history_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A history file in tmp_path, also set as $HER2BOT_HISTORY (never ~)."""
    path = tmp_path / "data" / "her2bot" / "history"
    monkeypatch.setenv("HER2BOT_HISTORY", str(path))
    return path


@pytest.fixture
def run_chat(bot: Bot, history_file: Path) -> Callable[..., ChatRun]:
    """Type keys into a fresh interactive chat; returns status and output.

    The pipe is closed after the keys, which reads as Ctrl-D if the keys
    did not end the chat already, so a test can never hang on the prompt.
    """

    def run(*chunks: str, width: int = 72, debug: bool = False, pause: float = 0.3) -> ChatRun:
        """Type the chunks with a pause between them (Tab completion and
        suggestions from history are computed in the background, as in a
        real terminal, so keys that use them must come a moment later)."""
        out = io.StringIO()
        with create_pipe_input() as pipe:

            def typist() -> None:
                for i, chunk in enumerate(chunks):
                    if i:
                        time.sleep(pause)
                    pipe.send_text(chunk)
                pipe.close()

            thread = threading.Thread(target=typist, daemon=True)
            thread.start()
            status = run_interactive(bot, input=pipe, output=DummyOutput(), out=out, width=width, debug=debug)
            thread.join(timeout=10)
        return ChatRun(status, out.getvalue(), history_file)

    return run
