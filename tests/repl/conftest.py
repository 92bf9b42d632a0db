"""Fixtures for the terminal chat tests (see chat_driver.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from bot import Bot
from chat_driver import ChatRun, drive


@pytest.fixture
def history_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A history file in tmp_path, also set as $HER2BOT_HISTORY (never ~)."""
    path = tmp_path / "data" / "her2bot" / "history"
    monkeypatch.setenv("HER2BOT_HISTORY", str(path))
    return path


@pytest.fixture
def run_chat(bot: Bot, history_file: Path) -> Callable[..., ChatRun]:
    """run_chat(*steps, width=72, debug=False, screen=False) -> ChatRun."""

    def run(*steps, **options) -> ChatRun:
        return drive(bot, *steps, history_file=history_file, **options)

    return run
